/** Outline, Expand Selection, document links and go-to-definition through the real server over stdio. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { startSession } from '../helpers/lsp';
import type { LspSession } from '../helpers/lsp';

interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}
interface Symbol {
  name: string;
  detail?: string;
  kind: number;
  range: Range;
  selectionRange: Range;
  children?: Symbol[];
}
interface Selection {
  range: Range;
  parent?: Selection;
}

describe('structure and references over stdio', () => {
  let s: LspSession;
  let ws: string;
  before(async () => {
    ws = mkdtempSync(join(tmpdir(), 'peft-lens-links-'));
    mkdirSync(join(ws, 'deepspeed_configs'));
    writeFileSync(join(ws, 'deepspeed_configs/zero3.json'), '{"zero_optimization": {"stage": 3}}');
    s = await startSession({ pull: true, rootPath: ws });
  });
  after(async () => {
    await s.close();
    rmSync(ws, { recursive: true, force: true });
  });

  const AXOLOTL = 'base_model: meta-llama/Meta-Llama-3-8B\nadapter: lora\nlora_r: 16\ndatasets:\n  - path: mhenrichsen/alpaca_2k_test\n    type: alpaca\ndeepspeed: deepspeed_configs/zero3.json\n';

  test('document symbols: nested, with kinds and the key as the selection', async () => {
    const uri = s.open(join(ws, 'train.yml'), AXOLOTL);
    const symbols = (await s.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as Symbol[];
    assert.deepEqual(symbols.map((x) => x.name), ['base_model', 'adapter', 'lora_r', 'datasets', 'deepspeed']);
    const datasets = symbols[3];
    assert.equal(datasets.kind, 18 /* Array */);
    assert.equal(datasets.detail, '1 item');
    assert.equal(datasets.children?.[0].name, 'mhenrichsen/alpaca_2k_test');
    assert.deepEqual(symbols[2].selectionRange, { start: { line: 2, character: 0 }, end: { line: 2, character: 6 } });
    assert.equal(symbols[2].kind, 16 /* Number */);
  });

  test('a file that is not a config has no symbols', async () => {
    const uri = s.open(join(ws, 'docker-compose.yml'), 'services:\n  web:\n    image: nginx\n');
    assert.deepEqual(await s.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }), []);
  });

  test('selection ranges: a parent chain per position', async () => {
    const uri = s.open(join(ws, 'sel.yml'), AXOLOTL);
    const [r] = (await s.connection.sendRequest('textDocument/selectionRange', { textDocument: { uri }, positions: [{ line: 4, character: 12 }] })) as Selection[];
    const chain: Range[] = [];
    for (let x: Selection | undefined = r; x; x = x.parent) chain.push(x.range);
    assert.deepEqual(chain[0], { start: { line: 4, character: 10 }, end: { line: 4, character: 36 } });
    assert.deepEqual(chain[1], { start: { line: 4, character: 4 }, end: { line: 4, character: 36 } });
    assert.equal(chain[chain.length - 1].start.line, 0);
  });

  test('document links: Hub pages and the DeepSpeed file in the workspace', async () => {
    const uri = s.open(join(ws, 'links.yml'), AXOLOTL);
    const links = (await s.connection.sendRequest('textDocument/documentLink', { textDocument: { uri } })) as { range: Range; target: string }[];
    assert.deepEqual(links.map((l) => [l.range.start.line, l.target]), [
      [0, 'https://huggingface.co/meta-llama/Meta-Llama-3-8B'],
      [4, 'https://huggingface.co/datasets/mhenrichsen/alpaca_2k_test'],
      [6, pathToFileURL(join(ws, 'deepspeed_configs/zero3.json')).href],
    ]);
  });

  test('go to definition: the DeepSpeed file, and a torchtune interpolation to its key', async () => {
    const uri = s.open(join(ws, 'def.yml'), AXOLOTL);
    const ds = (await s.connection.sendRequest('textDocument/definition', { textDocument: { uri }, position: { line: 6, character: 20 } })) as { uri: string };
    assert.equal(ds.uri, pathToFileURL(join(ws, 'deepspeed_configs/zero3.json')).href);
    const hub = await s.connection.sendRequest('textDocument/definition', { textDocument: { uri }, position: { line: 0, character: 20 } });
    assert.equal(hub, null, 'a Hub page is a link, not a definition');
    const tt = s.open(join(ws, 'recipe.yaml'), 'output_dir: /tmp/out\nmodel:\n  _component_: torchtune.models.llama3_2.lora_llama3_2_1b\nmetric_logger:\n  log_dir: ${output_dir}/logs\n');
    const loc = (await s.connection.sendRequest('textDocument/definition', { textDocument: { uri: tt }, position: { line: 4, character: 14 } })) as { uri: string; range: Range };
    assert.equal(loc.uri, tt);
    assert.deepEqual(loc.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 10 } });
  });
});

describe('inlay hints over stdio', () => {
  let s: LspSession;
  before(async () => {
    s = await startSession({ pull: true, settings: { inlayHints: true } });
  });
  after(async () => s.close());

  test('after each target module entry, what it adds', async () => {
    const text = 'base_model: meta-llama/Meta-Llama-3-8B\nadapter: lora\nlora_r: 16\nlora_alpha: 32\nlora_target_modules:\n  - q_proj\n  - v_proj\nmicro_batch_size: 1\ngradient_accumulation_steps: 4\nlearning_rate: 0.0002\n';
    const uri = s.open('/ws/hints.yml', text);
    const hints = (await s.connection.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } } })) as { position: { line: number; character: number }; label: string }[];
    assert.deepEqual(hints.map((h) => [h.position, h.label.split(' · ')[0]]), [
      [{ line: 2, character: 10 }, '+3.4M params'],
      [{ line: 5, character: 10 }, '+4.2M params'],
      [{ line: 6, character: 10 }, '+2.6M params'],
    ]);
  });
});
