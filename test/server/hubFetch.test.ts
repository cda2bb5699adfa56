/**
 * Hub look-ups through the Node host against a local HTTPS server that answers like the Hub
 * (`/<org>/<name>/resolve/main/config.json`): https only, redirects, size cap, timeout, no
 * credentials, the disk cache (also when offline), and the end-to-end estimate with look-ups on.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createContext, estimate, openDocument } from '../../core/src/index';
import { createNodeHost } from '../../server/src/nodeHost';
import { assertSaneEstimate } from '../helpers/saneNumbers';

const TINY = { model_type: 'llama', hidden_size: 64, intermediate_size: 128, num_hidden_layers: 2, num_attention_heads: 4, num_key_value_heads: 2, vocab_size: 100, tie_word_embeddings: false };
const dir = mkdtempSync(join(tmpdir(), 'peft-lens-hub-'));
const cert = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '2', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'], { encoding: 'utf8' });
const skip = cert.status === 0 ? false : 'openssl is needed to make a test certificate';

const seen: { url: string; authorization?: string }[] = [];
let endpoint = '';
const ROUTES: Record<string, (res: import('node:http').ServerResponse) => void> = {
  '/acme/tiny/resolve/main/config.json': (res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(TINY)),
  '/acme/moved/resolve/main/config.json': (res) => res.writeHead(302, { location: '/acme/tiny/resolve/main/config.json' }).end(),
  '/acme/huge/resolve/main/config.json': (res) => res.writeHead(200).end('x'.repeat(3 * 1024 * 1024)),
  '/acme/gated/resolve/main/config.json': (res) => res.writeHead(401).end('gated'),
  '/acme/slow/resolve/main/config.json': () => undefined, // never answers
};
const server = createServer(skip ? {} : { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (req, res) => {
  seen.push({ url: req.url ?? '', authorization: req.headers.authorization });
  const route = ROUTES[req.url ?? ''];
  if (route) route(res);
  else res.writeHead(404).end('not found');
});

before(async () => {
  if (skip) return;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `https://localhost:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

function hostWith(cacheDir: string) {
  return createNodeHost({ trusted: true, workspaceFolders: [dir], cacheDir, ca: readFileSync(join(dir, 'cert.pem'), 'utf8') });
}
const limits = { timeoutMs: 2000, maxBytes: 1024 * 1024 };

test('fetches over https, follows redirects, sends no credentials', { skip }, async () => {
  const host = hostWith(mkdtempSync(join(dir, 'cache-')));
  assert.deepEqual(JSON.parse(await host.fetchText!(`${endpoint}/acme/moved/resolve/main/config.json`, limits)), TINY);
  assert.ok(seen.every((s) => s.authorization === undefined));
});

test('refuses http, caps the size, times out, explains gated models', { skip }, async () => {
  const host = hostWith(mkdtempSync(join(dir, 'cache-')));
  await assert.rejects(host.fetchText!('http://localhost/acme/tiny/resolve/main/config.json', limits), /only https/);
  await assert.rejects(host.fetchText!(`${endpoint}/acme/huge/resolve/main/config.json`, limits), /larger than/);
  await assert.rejects(host.fetchText!(`${endpoint}/acme/slow/resolve/main/config.json`, { ...limits, timeoutMs: 300 }), /no answer within/);
  await assert.rejects(host.fetchText!(`${endpoint}/acme/gated/resolve/main/config.json`, limits), /gated or private/);
  await assert.rejects(host.fetchText!(`${endpoint}/acme/none/resolve/main/config.json`, limits), /404/);
});

test('an untrusted workspace gets no network at all', () => {
  assert.equal(createNodeHost({ trusted: false, workspaceFolders: [dir] }).fetchText, undefined);
});

test('the disk cache answers repeat look-ups without the network', { skip }, async () => {
  const cacheDir = mkdtempSync(join(dir, 'cache-'));
  const url = `${endpoint}/acme/tiny/resolve/main/config.json`;
  await hostWith(cacheDir).fetchText!(url, limits);
  const before = seen.length;
  assert.deepEqual(JSON.parse(await hostWith(cacheDir).fetchText!(url, limits)), TINY);
  assert.equal(seen.length, before);
});

test('estimate resolves an unknown model from the hub when look-ups are on, and says why when offline', { skip }, async () => {
  const text = JSON.stringify({ base_model_name_or_path: 'acme/tiny', peft_type: 'LORA', r: 4, target_modules: ['q_proj', 'v_proj'] });
  const host = hostWith(mkdtempSync(join(dir, 'cache-')));
  const on = createContext({ host, settings: { modelLookups: true, hubEndpoint: endpoint } });
  const result = await estimate(openDocument(join(dir, 'adapter_config.json'), text, on.settings), on);
  assert.deepEqual(result.model, { id: 'acme/tiny', source: 'hub', architecture: 'LlamaForCausalLM' });
  assert.equal(result.params?.trainable, 2 * (4 * 128 + 4 * 96));
  const off = createContext({ host, settings: { modelLookups: false, hubEndpoint: endpoint } });
  const quiet = await estimate(openDocument(join(dir, 'adapter_config.json'), text, off.settings), off);
  assert.match(quiet.issues.find((i) => i.code === 'estimate/unknown-model')!.message, /look-ups are off/);
  const offline = createContext({ host: hostWith(mkdtempSync(join(dir, 'cache-'))), settings: { modelLookups: true, hubEndpoint: 'https://127.0.0.1:9' } });
  const down = await estimate(openDocument(join(dir, 'adapter_config.json'), text, offline.settings), offline);
  assert.deepEqual(down.issues.map((i) => i.code).sort(), ['estimate/unknown-model', 'model/hub-unavailable']);
  for (const r of [result, quiet, down]) assertSaneEstimate(r);
  assert.match(down.issues.find((i) => i.code === 'model/hub-unavailable')!.message, /offline/i);
});
