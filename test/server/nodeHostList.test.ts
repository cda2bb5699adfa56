/** The Node host's folder listing for the user model catalog: JSON files a few levels deep, within trust. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createNodeHost } from '../../server/src/nodeHost';

const dir = mkdtempSync(join(tmpdir(), 'peft-lens-catalog-'));
for (const f of ['acme-7b.json', 'acme/secret-13b/config.json', 'notes.txt', '.git/config.json', 'a/b/c/d/too-deep.json']) {
  mkdirSync(join(dir, f, '..'), { recursive: true });
  writeFileSync(join(dir, f), '{}');
}

test('lists the JSON files of a catalog folder, three levels deep, skipping hidden folders', async () => {
  const host = createNodeHost({ trusted: true, workspaceFolders: [] });
  assert.deepEqual((await host.listJsonFiles!(dir))?.sort(), ['acme-7b.json', 'acme/secret-13b/config.json']);
  assert.equal(await host.listJsonFiles!(join(dir, 'missing')), undefined);
});

test('an untrusted workspace lists nothing outside its folders', async () => {
  assert.equal(await createNodeHost({ trusted: false, workspaceFolders: [join(dir, 'acme')] }).listJsonFiles!(dir), undefined);
  assert.deepEqual(await createNodeHost({ trusted: false, workspaceFolders: [dir] }).listJsonFiles!(join(dir, 'acme')), ['secret-13b/config.json']);
});
