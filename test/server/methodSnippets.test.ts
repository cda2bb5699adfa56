/**
 * Method snippets and Insert Fine-Tuning Method through the real server: snippets are completions only
 * in recognised or blank files, a snippet typed into a config merges (the old method's keys go as
 * additional edits), peftLens/insertMethod answers a merge in the editor's coordinates, and files that
 * are not fine-tuning configs (a GitHub workflow, a docker-compose file, package.json) get nothing at all.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { InsertMethodResponse } from '../../server/src/protocol';
import { INSERT_METHOD_REQUEST } from '../../server/src/protocol';
import { startSession } from '../helpers/lsp';
import type { LspSession } from '../helpers/lsp';

interface Edit {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  newText: string;
}
interface Item {
  label: string;
  kind: number;
  insertTextFormat: number;
  textEdit: Edit;
  additionalTextEdits?: Edit[];
}

const SNIPPET_KIND = 15;
const peftLensSnippets = (items: Item[]) => items.filter((i) => i.kind === SNIPPET_KIND && /^(peft|axolotl|llamafactory|torchtune|trl)-/.test(i.label)).map((i) => i.label);

const NOT_CONFIGS: [string, string, { line: number; character: number }][] = [
  ['/ws/.github/workflows/ci.yml', 'name: CI\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\ntor\n', { line: 7, character: 3 }],
  ['/ws/docker-compose.yml', 'services:\n  web:\n    image: nginx\n    ports:\n      - "80:80"\nlo\n', { line: 5, character: 2 }],
  ['/ws/package.json', '{\n  "name": "x",\n  "version": "1.0.0",\n  lo\n}\n', { line: 3, character: 4 }],
];

describe('method snippets and insertion over stdio', () => {
  let s: LspSession;
  before(async () => {
    s = await startSession({ pull: true });
  });
  after(async () => s.close());

  for (const [path, text, position] of NOT_CONFIGS) {
    test(`${path.split('/').pop()}: no diagnostics, no CodeLens, no peft-lens completions or snippets`, async () => {
      const uri = s.open(path, text);
      const report = (await s.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { items: unknown[] };
      assert.deepEqual(report.items, []);
      assert.deepEqual(await s.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } }), []);
      const list = (await s.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position })) as { items: Item[] };
      assert.deepEqual(list.items, []);
    });
  }

  test('a blank YAML file offers the start of every YAML tool; a blank JSON file the PEFT adapters', async () => {
    const yaml = ((await s.connection.sendRequest('textDocument/completion', { textDocument: { uri: s.open('/ws/new.yaml', '') }, position: { line: 0, character: 0 } })) as { items: Item[] }).items;
    const labels = peftLensSnippets(yaml);
    for (const l of ['axolotl-qlora', 'llamafactory-lora', 'torchtune-lora', 'trl-dora']) assert.ok(labels.includes(l), `${l} in ${labels.join(', ')}`);
    assert.ok(!labels.some((l) => l.startsWith('peft-')));
    const qlora = yaml.find((i) => i.label === 'axolotl-qlora')!;
    assert.equal(qlora.insertTextFormat, 2);
    assert.match(qlora.textEdit.newText, /^base_model: \$\{1:[^}]+\}\nadapter: qlora\n/);
    const json = peftLensSnippets(((await s.connection.sendRequest('textDocument/completion', { textDocument: { uri: s.open('/ws/sub/adapter_config.json', '\n') }, position: { line: 0, character: 0 } })) as { items: Item[] }).items);
    assert.ok(json.includes('peft-dora') && json.every((l) => l.startsWith('peft-')), json.join(', '));
  });

  test('typing a snippet name in a recognised config merges: new keys at the cursor, the old method\'s keys removed by additional edits', async () => {
    const text = 'base_model: NousResearch/Llama-3.2-1B\nadapter: qlora\nload_in_4bit: true\nlora_r: 32\ndatasets:\n  - path: tatsu-lab/alpaca\n    type: alpaca\naxolotl-do\n';
    const uri = s.open('/ws/train.yml', text);
    const items = ((await s.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 7, character: 10 } })) as { items: Item[] }).items;
    const dora = items.find((i) => i.label === 'axolotl-dora')!;
    assert.ok(dora, peftLensSnippets(items).join(', '));
    assert.deepEqual(dora.textEdit.range, { start: { line: 7, character: 0 }, end: { line: 7, character: 10 } });
    assert.match(dora.textEdit.newText, /peft_use_dora: true/);
    assert.doesNotMatch(dora.textEdit.newText, /base_model|lora_r/, 'the file\'s own model and rank stay where they are');
    const edits = (dora.additionalTextEdits ?? []).map((e) => `${e.range.start.line}-${e.range.end.line}:${e.newText}`);
    assert.deepEqual(edits, ['1-1:adapter: lora', '2-3:'], 'adapter replaced, the 4-bit base removed');
  });

  test('peftLens/insertMethod: a merge whose snippet range is given in the text the edits leave', async () => {
    const text = '{\n  "base_model_name_or_path": "./models/acme-7b",\n  "peft_type": "LORA",\n  "r": 32,\n  "target_modules": ["q_proj", "v_proj"]\n}\n';
    const uri = s.open('/ws/acme/adapter_config.json', text);
    const answer = (await s.connection.sendRequest(INSERT_METHOD_REQUEST, { uri, method: 'dora' })) as InsertMethodResponse;
    assert.ok(answer.merge, answer.reason);
    assert.deepEqual(answer.merge.conflicts, []);
    assert.deepEqual(answer.merge.snippetRangeAfterEdits, { start: { line: 0, character: 0 }, end: { line: 6, character: 0 } });
    assert.match(answer.merge.snippet, /"base_model_name_or_path": "\.\/models\/acme-7b"/);
    assert.match(answer.merge.snippet, /"target_modules": \["q_proj", "v_proj"\]/);
    assert.match(answer.merge.snippet, /"use_dora": true/);
  });

  test('peftLens/insertMethod in an empty, unrecognised file: the chosen tool, or the reason to choose one', async () => {
    const uri = s.open('/ws/fresh.yaml', '');
    const none = (await s.connection.sendRequest(INSERT_METHOD_REQUEST, { uri, method: 'lora' })) as InsertMethodResponse;
    assert.match(none.reason!, /choose the tool/);
    const chosen = (await s.connection.sendRequest(INSERT_METHOD_REQUEST, { uri, method: 'lora', format: 'torchtune' })) as InsertMethodResponse;
    assert.match(chosen.merge!.snippet, /^model:\n  _component_: torchtune\.models\./);
  });
});
