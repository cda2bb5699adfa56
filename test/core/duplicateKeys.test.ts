/**
 * A repeated key is reported where the format's loader acts on it: PyYAML's safe_load (axolotl 0.18,
 * TRL 1.9) and json.load (PEFT 0.21) keep the last copy, so the warning sits on the copy they drop;
 * OmegaConf 2.3 (LLaMA-Factory 0.9.6, torchtune 0.7) refuses the file at the repeated copy: an error there.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check } from '../../core/src/index';
import { ctx, doc, lineOf } from '../helpers/fixtures';

const TT = 'model:\n  _component_: torchtune.models.llama3_2.lora_llama3_2_1b\n  lora_rank: 8\n  lora_rank: 16\n';

const cases: { name: string; path: string; text: string; expect: [string, number][]; says: RegExp }[] = [
  { name: 'LLaMA-Factory: a repeated top-level key', path: '/p/lf.yaml', text: 'model_name_or_path: m\nstage: sft\nfinetuning_type: lora\nlora_rank: 8\nlora_rank: 16\n', expect: [['error', 5]], says: /OmegaConf.*at this copy/ },
  { name: 'LLaMA-Factory: inside a v1 plugin block', path: '/p/lf.yaml', text: 'model: m\npeft_config:\n  name: lora\n  r: 8\n  r: 16\n', expect: [['error', 5]], says: /OmegaConf/ },
  { name: 'LLaMA-Factory: three copies, two refusals', path: '/p/lf.yaml', text: 'model_name_or_path: m\nfinetuning_type: lora\nlora_rank: 8\nlora_rank: 16\nlora_rank: 32\n', expect: [['error', 4], ['error', 5]], says: /OmegaConf/ },
  { name: 'torchtune: inside the model block', path: '/p/tt.yaml', text: TT, expect: [['error', 4]], says: /torchtune loads configs with OmegaConf/ },
  { name: 'axolotl: the earlier copy is the one PyYAML drops', path: '/p/a.yml', text: 'base_model: a/b\nadapter: lora\nlora_r: 8\nlora_r: 16\n', expect: [['warning', 3]], says: /`lora_r` is set again further down.*PyYAML keeps only the last value, so this one is ignored/ },
  { name: 'axolotl: three copies, the two earlier ones dropped', path: '/p/a.yml', text: 'base_model: a/b\nadapter: lora\nlora_r: 8\nlora_r: 16\nlora_r: 32\n', expect: [['warning', 3], ['warning', 4]], says: /PyYAML/ },
  { name: 'TRL: the earlier copy', path: '/p/t.yaml', text: 'model_name_or_path: m\nuse_peft: true\nlora_r: 8\nlora_r: 16\n', expect: [['warning', 3]], says: /PyYAML/ },
  { name: 'adapter_config.json: the earlier copy json.load drops', path: '/p/adapter_config.json', text: '{\n  "peft_type": "LORA",\n  "r": 8,\n  "r": 16\n}\n', expect: [['warning', 3]], says: /`r` is set again further down.*json.load keeps only the last value, so this one is ignored/ },
];

for (const c of cases) {
  test(`duplicate keys: ${c.name}`, async () => {
    const issues = (await check(doc(c.path, c.text), ctx())).filter((i) => i.code === 'syntax/duplicate-key');
    assert.deepEqual(issues.map((i) => [i.severity, lineOf(c.text, i.span.start)]), c.expect);
    for (const i of issues) assert.match(i.message, c.says);
  });
}
