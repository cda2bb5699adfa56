/** Preference dataset `type`s against the transforms axolotl 0.18's dpo/kto/orpo strategies define. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rlDatasetRules } from '../../../../core/src/rules/axolotl/rlDatasets';
import { check } from '../../../../core/src/index';
import { ctx, doc } from '../../../helpers/fixtures';
import { issueLines, lines } from '../ruleTable';

const head = (rl: string) => ['base_model: NousResearch/Llama-3.2-1B', `rl: ${rl}`, 'datasets:', '  - path: argilla/distilabel-intel-orca-dpo-pairs', '    split: train'];
const tail = ['learning_rate: 0.0002', 'micro_batch_size: 2', 'num_epochs: 1', 'output_dir: ./outputs/out'];
const config = (rl: string, type: string) => lines(...head(rl), `    type: ${type}`, ...tail);

const CASES: [string, string, string[]][] = [
  ['DPO with chatml.intel (examples/llama-3/*dpo*)', config('dpo', 'chatml.intel'), []],
  ['DPO with the chat_template default', config('dpo', 'chat_template'), []],
  ['DPO with chat_template.default spelled out', config('dpo', 'chat_template.default'), []],
  ['DPO with the full module path', config('dpo', 'axolotl.prompt_strategies.dpo.llama3.ultra'), []],
  ['DPO with a transform only KTO has', config('dpo', 'chatml.argilla'), ['axolotl/rl-dataset-type@6']],
  ['DPO with an SFT prompt style', config('dpo', 'alpaca'), ['axolotl/rl-dataset-type@6']],
  ['IPO reads the DPO strategies', config('ipo', 'zephyr.nectar'), []],
  ['KTO with chatml.argilla', config('kto', 'chatml.argilla'), []],
  ['KTO has no chat_template module', config('kto', 'chat_template.default'), ['axolotl/rl-dataset-type@6']],
  ['ORPO with chat_template.argilla', config('orpo', 'chat_template.argilla'), []],
  ['a module of the user\'s own', config('dpo', 'my_project.transforms.to_dpo'), []],
  ['not preference training: SFT types are another loader', lines('base_model: NousResearch/Llama-3.2-1B', 'datasets:', '  - path: tatsu-lab/alpaca', '    type: alpaca', ...tail), []],
];

for (const [title, text, expected] of CASES) {
  test(`axolotl rl datasets: ${title}`, async () => {
    assert.deepEqual(await issueLines('/p/dpo.yaml', text, (code) => code in rlDatasetRules.codes, 'axolotl'), expected);
  });
}

test('axolotl rl datasets: the message lists what the module defines and offers the nearest', async () => {
  const issue = (await check(doc('/p/dpo.yaml', config('dpo', 'chatml.intell')), ctx())).find((i) => i.code === 'axolotl/rl-dataset-type');
  assert.match(issue?.message ?? '', /the `chatml` dpo strategies define `default`, .*`intel`.*not `intell`/);
  assert.equal(issue?.fixes?.[0].edits[0].newText, 'chatml.intel');
});
