/**
 * The outline (document symbols) and Expand Selection (selection ranges), table-driven at the core
 * boundary: what a user sees in the Outline view and breadcrumbs, and how far each expansion reaches.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { DocSymbol } from '../../core/src/index';
import { documentSymbols, selectionRanges } from '../../core/src/index';
import { doc, withCursor } from '../helpers/fixtures';

/** `name (kind): detail` per symbol, children indented. */
function outline(symbols: DocSymbol[], depth = 0): string[] {
  return symbols.flatMap((s) => [`${'  '.repeat(depth)}${s.name} (${s.kind})${s.detail ? `: ${s.detail}` : ''}`, ...outline(s.children, depth + 1)]);
}

const AXOLOTL = `base_model: meta-llama/Meta-Llama-3-8B
adapter: lora
lora_r: 16
lora_target_modules:
  - q_proj
  - v_proj
datasets:
  - path: mhenrichsen/alpaca_2k_test
    type: alpaca
  - type: chat_template
`;

describe('document symbols', () => {
  const cases: { name: string; path: string; text: string; want: string[] }[] = [
    {
      name: 'axolotl: keys with values; list items named by their identifying key, else by index',
      path: '/w/train.yml',
      text: AXOLOTL,
      want: [
        'base_model (string): meta-llama/Meta-Llama-3-8B',
        'adapter (string): lora',
        'lora_r (number): 16',
        'lora_target_modules (array): 2 items',
        '  q_proj (string)',
        '  v_proj (string)',
        'datasets (array): 2 items',
        '  mhenrichsen/alpaca_2k_test (object): 2 keys',
        '    path (string): mhenrichsen/alpaca_2k_test',
        '    type (string): alpaca',
        '  chat_template (object): 1 key',
        '    type (string): chat_template',
      ],
    },
    {
      name: 'torchtune: components named by _component_',
      path: '/w/recipe.yaml',
      text: 'model:\n  _component_: torchtune.models.llama3_2.lora_llama3_2_1b\n  lora_rank: 8\noptimizer:\n  _component_: torch.optim.AdamW\n  lr: 3e-4\nbatch_size: 4\n',
      want: [
        'model (object): 2 keys',
        '  _component_ (string): torchtune.models.llama3_2.lora_llama3_2_1b',
        '  lora_rank (number): 8',
        'optimizer (object): 2 keys',
        '  _component_ (string): torch.optim.AdamW',
        '  lr (string): 3e-4', // PyYAML (YAML 1.1) reads 3e-4 without a dot as a string
        'batch_size (number): 4',
      ],
    },
    {
      name: 'adapter_config.json: nulls and booleans keep their kind; long values are cut',
      path: '/w/adapter_config.json',
      text: '{"peft_type": "LORA", "base_model_name_or_path": "an-organisation-with-a-long-name/and-an-even-longer-model-name", "bias": null, "inference_mode": false}',
      want: [
        'peft_type (string): LORA',
        'base_model_name_or_path (string): an-organisation-with-a-long-name/and-an-even-lo…',
        'bias (null): null',
        'inference_mode (boolean): false',
      ],
    },
  ];
  for (const c of cases) {
    test(c.name, () => assert.deepEqual(outline(documentSymbols(doc(c.path, c.text))), c.want));
  }

  test('a key reveals at its name and spans its whole entry', () => {
    const d = doc('/w/train.yml', AXOLOTL);
    const datasets = documentSymbols(d).find((s) => s.name === 'datasets')!;
    assert.equal(AXOLOTL.slice(datasets.selectionSpan.start, datasets.selectionSpan.end), 'datasets');
    assert.ok(AXOLOTL.slice(datasets.span.start, datasets.span.end).includes('chat_template'));
  });

  test('files that are not configs, and unparsable ones, have no outline', () => {
    assert.deepEqual(documentSymbols(doc('/w/.github/workflows/ci.yml', 'on:\n  push: {}\njobs: {}\n')), []);
    assert.deepEqual(documentSymbols(doc('/w/package.json', '{"name": "x", "scripts": {}}')), []);
  });
});

describe('selection ranges', () => {
  const cases: { name: string; path: string; text: string; want: string[] }[] = [
    {
      name: 'from a list item in a dataset out to the document',
      path: '/w/train.yml',
      text: AXOLOTL.replace('mhenrichsen/alpaca', 'mhenrichsen/alp<|>aca'),
      want: [
        'mhenrichsen/alpaca_2k_test',
        'path: mhenrichsen/alpaca_2k_test',
        'path: mhenrichsen/alpaca_2k_test\n    type: alpaca',
        '- path: mhenrichsen/alpaca_2k_test\n    type: alpaca\n  - type: chat_template',
        'datasets:…',
        '<root>',
      ],
    },
    {
      name: 'from a key: the key, its entry, the mapping',
      path: '/w/train.yml',
      text: AXOLOTL.replace('lora_r', 'lora<|>_r'),
      want: ['lora_r', 'lora_r: 16', '<root>'],
    },
    {
      name: 'JSON: a string in an array',
      path: '/w/adapter_config.json',
      text: '{"peft_type": "LORA", "target_modules": ["q_proj", "v_<|>proj"]}',
      want: ['v_proj', '["q_proj", "v_proj"]', '"target_modules": ["q_proj", "v_proj"]', '<root>'],
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const { text, offset } = withCursor(c.text);
      const d = doc(c.path, text);
      const [chain] = selectionRanges(d, [offset]);
      const root = d.root!.span;
      const shown = chain.map((s) => {
        const t = text.slice(s.start, s.end);
        if (s.start === 0 && s.end === text.length) return s.start === root.start && s.end === root.end ? '<root>' : '<document>';
        if (s.start === root.start && s.end === root.end) return '<root>';
        return t.startsWith('datasets:') ? 'datasets:…' : t.replace(/\n$/, '');
      });
      assert.deepEqual(shown, c.want);
      for (let i = 1; i < chain.length; i++) assert.ok(chain[i].start <= chain[i - 1].start && chain[i].end >= chain[i - 1].end, 'each range holds the one before');
    });
  }
});
