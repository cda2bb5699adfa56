/**
 * Completion, data-driven. First where the cursor is (independent of how complete the schemas are),
 * then what the providers offer there, on keys every schema of the format is sure to keep.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { catalogEntries, completeAt, createContext } from '../../core/src/index';
import { cursorContext } from '../../core/src/features/cursor';
import { ctx, doc, withCursor } from '../helpers/fixtures';
import { fakeModels, TINY_LLAMA } from '../helpers/fakeModels';
import AXOLOTL_SCHEMA from '../../schemas/axolotl.schema.json';

interface CursorCase {
  name: string;
  path: string;
  text: string;
  /** null: no completion here. */
  want: null | { path: (string | number)[]; mode: 'key' | 'value'; word?: string; present?: string[]; itemValue?: boolean; flow?: boolean };
}

const Y = '/a/train.yml';
const J = '/a/adapter_config.json';

const CURSORS: CursorCase[] = [
  { name: 'YAML top-level key being typed', path: Y, text: 'a: 1\nbc<|>', want: { path: [], mode: 'key', word: 'bc', present: ['a'] } },
  { name: 'YAML key in a nested map', path: Y, text: 'model:\n  _component_: x\n  lo<|>\nother: 1\n', want: { path: ['model'], mode: 'key', word: 'lo', present: ['_component_'] } },
  { name: 'YAML key at any depth', path: Y, text: 'a:\n  b:\n    c: 1\n    d<|>', want: { path: ['a', 'b'], mode: 'key', present: ['c'] } },
  { name: 'YAML dedent back to the top level', path: Y, text: 'a:\n  b:\n    c: 1\nd<|>', want: { path: [], mode: 'key', present: ['a'] } },
  { name: 'YAML empty line inside a map', path: Y, text: 'model:\n  _component_: x\n  <|>', want: { path: ['model'], mode: 'key', present: ['_component_'] } },
  { name: 'YAML key inside a list item map', path: Y, text: 'datasets:\n  - path: x\n    ty<|>', want: { path: ['datasets', 0], mode: 'key', present: ['path'] } },
  { name: 'YAML second list item', path: Y, text: 'datasets:\n  - path: x\n    type: y\n  - pa<|>', want: { path: ['datasets', 1], mode: 'key', itemValue: true, present: [] } },
  { name: 'YAML scalar list item', path: Y, text: 'lora_target_modules:\n  - q_proj\n  - <|>', want: { path: ['lora_target_modules', 1], mode: 'key', itemValue: true } },
  { name: 'YAML compact list (dash at the key column)', path: Y, text: 'lora_target_modules:\n- q_proj\n- v<|>\nnext: 1\n', want: { path: ['lora_target_modules', 1], mode: 'key', itemValue: true, word: 'v' } },
  { name: 'YAML value', path: Y, text: 'base_model: m\nadapter: q<|>', want: { path: ['adapter'], mode: 'value', word: 'q' } },
  { name: 'YAML value of a key in a list item', path: Y, text: 'datasets:\n  - path: x\n    type: al<|>', want: { path: ['datasets', 0, 'type'], mode: 'value', word: 'al' } },
  { name: 'YAML flow list item', path: Y, text: 'model:\n  lora_attn_modules: [q_proj, <|>', want: { path: ['model', 'lora_attn_modules', 1], mode: 'value', flow: true } },
  { name: 'YAML lines after a block scalar are read normally', path: Y, text: 'note: |\n  text: here\nb:\n  <|>', want: { path: ['b'], mode: 'key', present: [] } },
  { name: 'YAML inside a block scalar: nothing', path: Y, text: 'note: |\n  some text\n  <|>', want: null },
  { name: 'YAML in a comment: nothing', path: Y, text: 'a: 1 # co<|>', want: null },
  { name: 'YAML keys below the cursor count as present', path: Y, text: 'a: 1\n<|>\nb: 2\n', want: { path: [], mode: 'key', present: ['a', 'b'] } },
  { name: 'JSON new property', path: J, text: '{"peft_type": "LORA", <|>}', want: { path: [], mode: 'key', present: ['peft_type'] } },
  { name: 'JSON key in quotes', path: J, text: '{"r": 8, "lo<|>"}', want: { path: [], mode: 'key', word: '"lo"', present: ['r'] } },
  { name: 'JSON value in quotes', path: J, text: '{"peft_type": "LO<|>"}', want: { path: ['peft_type'], mode: 'value', word: '"LO"' } },
  { name: 'JSON list item', path: J, text: '{"target_modules": ["q_proj", "<|>"]}', want: { path: ['target_modules', 1], mode: 'value' } },
];

describe('completion: cursor context', () => {
  for (const c of CURSORS) {
    test(c.name, () => {
      const { text, offset } = withCursor(c.text);
      const got = cursorContext(doc(c.path, text, { formatAssociations: { '**/*': c.path.endsWith('.json') ? 'peft-adapter' : 'axolotl' } }), offset);
      if (c.want === null) return assert.equal(got, null);
      assert.ok(got);
      assert.deepEqual(got.path, c.want.path);
      assert.equal(got.mode, c.want.mode);
      if (c.want.word !== undefined) assert.equal(text.slice(got.span.start, got.span.end), c.want.word);
      if (c.want.present) assert.deepEqual([...got.present].sort(), c.want.present.sort());
      if (c.want.itemValue !== undefined) assert.equal(!!got.itemValue, c.want.itemValue);
      if (c.want.flow !== undefined) assert.equal(!!got.flow, c.want.flow);
    });
  }
});

async function labels(path: string, marked: string, models = false) {
  const { text, offset } = withCursor(marked);
  const context = models ? createContext({ models: fakeModels }) : ctx();
  return completeAt(doc(path, text), offset, context);
}

describe('completion: what is offered', () => {
  test('YAML keys from the schema, without those present, as snippets', async () => {
    const items = await labels('/a/train.yml', 'base_model: m/x\nadapter: lora\n<|>');
    const names = items.map((i) => i.label);
    assert.ok(names.includes('lora_r') && names.includes('sequence_len'));
    assert.ok(!names.includes('adapter') && !names.includes('base_model'));
    const seq = items.find((i) => i.label === 'sequence_len')!;
    assert.equal(seq.snippet, true);
    assert.equal(seq.insertText, `sequence_len: \${1:${AXOLOTL_SCHEMA.properties.sequence_len.default}}`);
  });

  test('YAML nested map: a mapping key opens an indented block', async () => {
    const items = await labels('/a/lora.yaml', 'model:\n  _component_: torchtune.models.llama3_2.lora_llama3_2_1b\n<|>');
    const model = items.find((i) => i.label === 'model');
    assert.equal(model, undefined, 'model is present');
    const inside = await labels('/a/lora.yaml', 'model:\n  <|>\ntokenizer:\n  _component_: x\n');
    assert.ok(inside.some((i) => i.label === '_component_'));
  });

  test('method names with their paper on the method key', async () => {
    const items = await labels('/a/train.yml', 'base_model: m/x\nadapter: <|>');
    const qlora = items.find((i) => i.label === 'qlora')!;
    assert.equal(qlora.kind, 'method');
    assert.match(qlora.documentation!, /arxiv\.org\/abs\/2305\.14314/);
    assert.ok(items.some((i) => i.label === 'lora'));
  });

  test('JSON keys: quoted, default as placeholder, comma when a property follows', async () => {
    const items = await labels('/a/adapter_config.json', '{\n  <|>\n  "peft_type": "LORA"\n}');
    const r = items.find((i) => i.label === 'r')!;
    assert.equal(r.insertText, '"r": ${1:8},');
    assert.ok(!items.some((i) => i.label === 'peft_type'));
  });

  test('JSON values replace the quotes already typed', async () => {
    const { text, offset } = withCursor('{"peft_type": "LORA", "task_type": "CA<|>"}');
    const items = await completeAt(doc('/a/adapter_config.json', text), offset, ctx());
    const causal = items.find((i) => i.label === 'CAUSAL_LM')!;
    assert.equal(causal.insertText, '"CAUSAL_LM"');
    assert.equal(text.slice(causal.span.start, causal.span.end), '"CA"');
  });

  test('PEFT peft_type: method names', async () => {
    const items = await labels('/a/adapter_config.json', '{"peft_type": "<|>"}');
    for (const t of ['LORA', 'IA3', 'ADALORA', 'PROMPT_TUNING']) assert.ok(items.some((i) => i.label === t), t);
  });

  test('target modules of the resolved model, in a PEFT list', async () => {
    const items = await labels('/a/adapter_config.json', `{"peft_type": "LORA", "base_model_name_or_path": "${TINY_LLAMA}", "target_modules": ["q_proj", "<|>"]}`, true);
    const names = items.filter((i) => i.kind === 'module').map((i) => i.label);
    for (const n of ['k_proj', 'v_proj', 'down_proj', 'lm_head']) assert.ok(names.includes(n), n);
    assert.ok(!names.includes('all-linear'), 'the shorthand is not a list item');
    assert.match(items.find((i) => i.label === 'gate_proj')!.detail!, /64→256 × 2/);
  });

  test('target modules in a YAML list and in a comma-separated LLaMA-Factory string', async () => {
    const axo = await labels('/a/train.yml', `base_model: ${TINY_LLAMA}\nadapter: lora\nlora_target_modules:\n  - q_proj\n  - <|>`, true);
    assert.ok(axo.some((i) => i.label === 'o_proj' && i.kind === 'module'));
    const lf = await labels('/a/sft.yaml', `model_name_or_path: ${TINY_LLAMA}\nfinetuning_type: lora\nlora_target: q_proj,<|>`, true);
    assert.ok(lf.some((i) => i.label === 'v_proj'));
    assert.ok(!lf.some((i) => i.label === 'all'));
    const lfAll = await labels('/a/sft.yaml', `model_name_or_path: ${TINY_LLAMA}\nfinetuning_type: lora\nlora_target: <|>`, true);
    assert.ok(lfAll.some((i) => i.label === 'all' && i.preselect));
  });

  test('model ids from the bundled catalog, on the model key only, in every format', async () => {
    const axolotl = await labels('/a/train.yml', 'base_model: <|>\nadapter: lora\nmicro_batch_size: 1\n');
    const ids = axolotl.filter((i) => i.kind === 'model').map((i) => i.label);
    assert.ok(ids.includes('meta-llama/Llama-3.2-1B') && ids.includes('Qwen/Qwen2.5-0.5B'));
    assert.match(axolotl.find((i) => i.label === 'meta-llama/Llama-3.2-1B')!.detail!, /^1\.2B parameters/);
    const peft = await labels('/a/adapter_config.json', '{"peft_type": "LORA", "base_model_name_or_path": "<|>"}');
    assert.equal(peft.find((i) => i.label === 'meta-llama/Llama-3.2-1B')?.insertText, '"meta-llama/Llama-3.2-1B"');
    const lf = await labels('/a/sft.yaml', 'model_name_or_path: meta<|>\nfinetuning_type: lora\n');
    assert.ok(lf.some((i) => i.kind === 'model'));
    const other = await labels('/a/train.yml', 'base_model: m/x\nadapter: lora\nsequence_len: <|>\n');
    assert.ok(!other.some((i) => i.kind === 'model'));
  });

  test('LLaMA-Factory: method names on finetuning_type, keys of the schema at the top level', async () => {
    const values = await labels('/a/sft.yaml', 'model_name_or_path: m/x\nfinetuning_type: <|>');
    assert.deepEqual(values.filter((i) => i.kind === 'method').map((i) => i.label).sort(), ['freeze', 'full', 'lora', 'oft']);
    const keys = await labels('/a/sft.yaml', 'model_name_or_path: m/x\nfinetuning_type: lora\nsta<|>');
    assert.ok(keys.some((i) => i.label === 'stage'));
  });

  test('TRL: booleans offered as values, present keys not offered again', async () => {
    const values = await labels('/a/sft.yaml', 'model_name_or_path: m/x\nuse_peft: <|>');
    assert.deepEqual(values.map((i) => i.label).sort(), ['false', 'true']);
    const keys = await labels('/a/sft.yaml', 'model_name_or_path: m/x\nuse_peft: true\n<|>');
    assert.ok(!keys.some((i) => i.label === 'use_peft' || i.label === 'model_name_or_path'));
    assert.ok(keys.some((i) => i.label === 'lora_r'));
  });

  test('a value already written as an allowed value gets no popup, so Enter ends the line', async () => {
    // PyYAML reads `True` as the boolean true: it is already one of the values offered.
    assert.deepEqual(await labels('/a/sft.yaml', 'model_name_or_path: m/x\nuse_peft: True<|>'), []);
    assert.deepEqual(await labels('/a/train.yml', 'base_model: m/x\nadapter: qlora<|>'), []);
    assert.deepEqual(await labels('/a/adapter_config.json', '{"peft_type": "LORA<|>"}'), []);
    assert.deepEqual(await labels('/a/train.yml', 'base_model: Qwen/Qwen2.5-7B<|>\nadapter: lora\n'), []);
    // A prefix of a value still gets the values.
    assert.ok((await labels('/a/sft.yaml', 'model_name_or_path: m/x\nuse_peft: Tru<|>')).some((i) => i.label === 'true'));
    assert.ok((await labels('/a/train.yml', 'base_model: m/x\nadapter: qlo<|>')).some((i) => i.label === 'qlora'));
  });

  test('model ids: every catalog id and alias, the best match of what is typed first', async () => {
    const items = await labels('/a/train.yml', 'base_model: Qwen/Qwen2.5-7B-In<|>\nadapter: lora\n');
    const ordered = [...items].filter((i) => i.kind === 'model').sort((a, b) => a.sortText!.localeCompare(b.sortText!)).map((i) => i.label);
    assert.equal(ordered[0], 'Qwen/Qwen2.5-7B-Instruct');
    assert.ok(!ordered.includes('meta-llama/Llama-3.2-1B'), 'ids that do not match are left out');
    assert.match(items.find((i) => i.label === 'Qwen/Qwen2.5-7B-Instruct')!.detail!, /same shapes as Qwen\/Qwen2\.5-7B/);
    const byName = (await labels('/a/train.yml', 'base_model: Qwen2.5-7B-In<|>\nadapter: lora\n')).map((i) => i.label);
    assert.ok(byName.includes('Qwen/Qwen2.5-7B-Instruct') && byName.includes('unsloth/Qwen2.5-7B-Instruct'), 'the name after the organisation matches');
    // Fuzzy: the characters in order.
    const fuzzy = await labels('/a/train.yml', 'base_model: qw25-7b-ins<|>\nadapter: lora\n');
    assert.ok(fuzzy.some((i) => i.label === 'Qwen/Qwen2.5-7B-Instruct'));
    const all = await labels('/a/train.yml', 'base_model: <|>\nadapter: lora\n');
    const aliases = catalogEntries().flatMap((m) => [m.id, ...(m.aliases ?? [])]);
    assert.equal(all.filter((i) => i.kind === 'model').length, new Set(aliases).size);
  });

  test('target modules already in the list are not offered again', async () => {
    const axo = await labels('/a/train.yml', `base_model: ${TINY_LLAMA}\nadapter: lora\nlora_target_modules:\n  - q_proj\n  - v_proj\n  - <|>`, true);
    const names = axo.filter((i) => i.kind === 'module').map((i) => i.label);
    assert.ok(!names.includes('q_proj') && !names.includes('v_proj'), names.join(', '));
    assert.ok(names.includes('k_proj'));
    const typing = await labels('/a/train.yml', `base_model: ${TINY_LLAMA}\nadapter: lora\nlora_target_modules:\n  - q_proj\n  - o<|>`, true);
    assert.ok(typing.some((i) => i.label === 'o_proj'), 'the entry being typed does not count as listed');
    const lf = await labels('/a/sft.yaml', `model_name_or_path: ${TINY_LLAMA}\nfinetuning_type: lora\nlora_target: q_proj,k_proj,<|>`, true);
    assert.ok(!lf.some((i) => i.label === 'q_proj' || i.label === 'k_proj') && lf.some((i) => i.label === 'v_proj'));
    const json = await labels('/a/adapter_config.json', `{"peft_type": "LORA", "base_model_name_or_path": "${TINY_LLAMA}", "target_modules": ["q_proj", "<|>"]}`, true);
    assert.ok(!json.some((i) => i.label === 'q_proj') && json.some((i) => i.label === 'v_proj'));
  });

  test('nothing in unrelated files', async () => {
    assert.deepEqual(await labels('/a/.github/workflows/ci.yml', 'on:\n  <|>'), []);
  });
});
