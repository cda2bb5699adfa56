/**
 * Insert Fine-Tuning Method merges: the model, data and training keys stay as written, the old
 * method's keys are replaced or removed, the user's values win where the snippet leaves a tabstop,
 * and only errors the result would add are conflicts. Each case: file, method, the text after the
 * insertion with every tabstop at its default.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyInsertion, insertMethod } from '../../core/src/features/insertMethod';
import type { InsertOptions } from '../../core/src/features/insertMethod';
import { check } from '../../core/src/index';
import { ctx, doc, withCursor } from '../helpers/fixtures';

const DATA = 'datasets:\n  - path: tatsu-lab/alpaca\n    type: alpaca\nmicro_batch_size: 2\n';

interface Case {
  name: string;
  path: string;
  text: string;
  method: string;
  options?: InsertOptions;
  expect: string;
}

const cases: Case[] = [
  {
    name: 'axolotl LoRA → QLoRA: adapter replaced, 4-bit base added after the method keys, rank and the user\'s target list kept',
    path: '/w/a.yml',
    text: `base_model: NousResearch/Llama-3.2-1B\nadapter: lora\nlora_r: 32\nlora_alpha: 64\nlora_dropout: 0.05\nlora_target_modules:\n  - q_proj\n  - v_proj\n${DATA}`,
    method: 'qlora',
    expect: `base_model: NousResearch/Llama-3.2-1B\nadapter: qlora\nlora_r: 32\nlora_alpha: 64\nlora_dropout: 0.05\nlora_target_modules:\n  - q_proj\n  - v_proj\nload_in_4bit: true\n${DATA}`,
  },
  {
    name: 'axolotl DoRA → LoRA: the variant switch goes, the LoRA keys stay',
    path: '/w/a.yml',
    text: `base_model: NousResearch/Llama-3.2-1B\nadapter: lora\nlora_r: 16\nlora_alpha: 32\nlora_dropout: 0.05\nlora_target_linear: true\npeft_use_dora: true\nlora_modules_to_save: [lm_head]\n${DATA}`,
    method: 'lora',
    expect: `base_model: NousResearch/Llama-3.2-1B\nadapter: lora\nlora_r: 16\nlora_alpha: 32\nlora_dropout: 0.05\nlora_target_linear: true\nlora_modules_to_save: [lm_head]\n${DATA}`,
  },
  {
    name: 'axolotl with the two method blocks an append left: the dropped copies go, the kept ones merge',
    path: '/w/a.yml',
    text: `base_model: NousResearch/Llama-3.2-1B\nadapter: lora\nlora_r: 8\n${DATA}adapter: qlora\nload_in_4bit: true\nlora_r: 16\n`,
    method: 'qlora',
    expect: `base_model: NousResearch/Llama-3.2-1B\n${DATA}adapter: qlora\nload_in_4bit: true\nlora_r: 16\nlora_alpha: 32\nlora_dropout: 0.05\nlora_target_linear: true\n`,
  },
  {
    name: 'axolotl QLoRA → full fine-tuning: every method key goes, the training keys are added once',
    path: '/w/a.yml',
    text: `base_model: NousResearch/Llama-3.2-1B\nadapter: qlora\nload_in_4bit: true\nlora_r: 16\nlora_target_linear: true\ngradient_checkpointing: false\n${DATA}`,
    method: 'full',
    expect: `base_model: NousResearch/Llama-3.2-1B\n# Full fine-tuning: without \`adapter\`, axolotl trains every weight.\noptimizer: adamw_torch_fused\ngradient_checkpointing: false\n${DATA}`,
  },
  {
    name: 'LLaMA-Factory LoRA → QLoRA: the quantization keys join the LoRA keys',
    path: '/w/lf.yaml',
    text: 'model_name_or_path: /models/llama\nstage: sft\nfinetuning_type: lora\nlora_rank: 32\nlora_target: q_proj,v_proj\ndataset: alpaca_en_demo\n',
    method: 'qlora',
    expect: 'model_name_or_path: /models/llama\nstage: sft\nfinetuning_type: lora\nlora_rank: 32\nlora_target: q_proj,v_proj\nlora_alpha: 16\nlora_dropout: 0.0\nquantization_bit: 4\nquantization_method: bnb\nquantization_type: nf4\ndouble_quantization: true\ndataset: alpaca_en_demo\n',
  },
  {
    name: 'LLaMA-Factory QLoRA → freeze: LoRA and quantization keys go',
    path: '/w/lf.yaml',
    text: 'model_name_or_path: /models/llama\nstage: sft\nfinetuning_type: lora\nlora_rank: 8\nlora_target: all\nquantization_bit: 4\ndataset: alpaca_en_demo\n',
    method: 'freeze',
    expect: 'model_name_or_path: /models/llama\nstage: sft\nfinetuning_type: freeze\nfreeze_trainable_layers: 2\nfreeze_trainable_modules: all\ndataset: alpaca_en_demo\n',
  },
  {
    name: 'TRL LoRA → DoRA: use_dora added beside the LoRA keys',
    path: '/w/t.yaml',
    text: 'model_name_or_path: Qwen/Qwen2.5-0.5B\ndataset_name: trl-lib/Capybara\nuse_peft: true\nlora_r: 64\nlora_target_modules: [q_proj, v_proj]\nlearning_rate: 2.0e-4\n',
    method: 'dora',
    expect: 'model_name_or_path: Qwen/Qwen2.5-0.5B\ndataset_name: trl-lib/Capybara\nuse_peft: true\nlora_r: 64\nlora_target_modules: [q_proj, v_proj]\nlora_alpha: 32\nlora_dropout: 0.05\nuse_dora: true\nlearning_rate: 2.0e-4\n',
  },
  {
    name: 'torchtune LoRA → QLoRA: the builder keeps its model family',
    path: '/w/tt.yaml',
    text: 'output_dir: /tmp/out\nmodel:\n  _component_: torchtune.models.llama3_1.lora_llama3_1_8b\n  lora_attn_modules: [q_proj, v_proj]\n  apply_lora_to_mlp: False\n  lora_rank: 16\n  lora_alpha: 32\n  lora_dropout: 0.0\nbatch_size: 2\n',
    method: 'qlora',
    expect: 'output_dir: /tmp/out\nmodel:\n  _component_: torchtune.models.llama3_1.qlora_llama3_1_8b\n  lora_attn_modules: [q_proj, v_proj]\n  apply_lora_to_mlp: False\n  lora_rank: 16\n  lora_alpha: 32\n  lora_dropout: 0.0\nbatch_size: 2\n',
  },
  {
    name: 'torchtune LoRA → full: the plain builder of the same model, the LoRA arguments gone',
    path: '/w/tt.yaml',
    text: 'model:\n  _component_: torchtune.models.llama3_1.lora_llama3_1_8b\n  lora_attn_modules: [q_proj, v_proj]\n  apply_lora_to_mlp: True\n  lora_rank: 16\nbatch_size: 2\n',
    method: 'full',
    expect: 'model:\n  _component_: torchtune.models.llama3_1.llama3_1_8b\nbatch_size: 2\n',
  },
  {
    name: 'adapter_config.json LoRA → DoRA: the local base model, targets and rank kept',
    path: '/w/adapter_config.json',
    text: '{\n  "base_model_name_or_path": "./models/acme-7b",\n  "peft_type": "LORA",\n  "task_type": "CAUSAL_LM",\n  "r": 32,\n  "lora_alpha": 16,\n  "target_modules": [\n    "q_proj",\n    "v_proj"\n  ],\n  "modules_to_save": ["lm_head"]\n}\n',
    method: 'dora',
    expect: '{\n  "peft_type": "LORA",\n  "task_type": "CAUSAL_LM",\n  "base_model_name_or_path": "./models/acme-7b",\n  "r": 32,\n  "lora_alpha": 16,\n  "lora_dropout": 0.05,\n  "target_modules": [\n    "q_proj",\n    "v_proj"\n  ],\n  "bias": "none",\n  "use_dora": true,\n  "modules_to_save": ["lm_head"]\n}\n',
  },
  {
    name: 'adapter_config.json LoRA → prompt tuning: LoRA keys go, the base model and task stay',
    path: '/w/adapter_config.json',
    text: '{\n  "base_model_name_or_path": "./models/acme-7b",\n  "peft_type": "LORA",\n  "task_type": "SEQ_CLS",\n  "r": 32,\n  "target_modules": ["q_proj"],\n  "use_dora": true\n}\n',
    method: 'prompt_tuning',
    expect: '{\n  "peft_type": "PROMPT_TUNING",\n  "task_type": "SEQ_CLS",\n  "base_model_name_or_path": "./models/acme-7b",\n  "num_virtual_tokens": 20,\n  "prompt_tuning_init": "RANDOM"\n}\n',
  },
  {
    name: 'a file without a method: new keys on the cursor\'s empty line',
    path: '/w/a.yml',
    text: `base_model: NousResearch/Llama-3.2-1B\n<|>\n${DATA}`,
    method: 'lora',
    expect: `base_model: NousResearch/Llama-3.2-1B\nadapter: lora\nlora_r: 16\nlora_alpha: 32\nlora_dropout: 0.05\nlora_target_linear: true\n${DATA}`,
  },
  {
    name: 'an empty YAML file, the tool chosen: the snippet as it is',
    path: '/w/new.yaml',
    text: '',
    method: 'lora',
    options: { format: 'trl' },
    expect: 'model_name_or_path: meta-llama/Llama-3.2-1B\nuse_peft: true\nlora_r: 16\nlora_alpha: 32\nlora_dropout: 0.05\nlora_target_modules: ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]\n',
  },
  {
    name: 'torchtune in a file without a model block: the whole block, at the end',
    path: '/w/recipe.yaml',
    text: 'output_dir: /tmp/out\nbatch_size: 2',
    method: 'lora',
    options: { format: 'torchtune' },
    expect: "output_dir: /tmp/out\nbatch_size: 2\nmodel:\n  _component_: torchtune.models.llama3_2.lora_llama3_2_1b\n  lora_attn_modules: ['q_proj', 'v_proj', 'output_proj']\n  apply_lora_to_mlp: True\n  lora_rank: 8\n  lora_alpha: 16\n  lora_dropout: 0.0\n",
  },
];

describe('Insert Fine-Tuning Method merges', () => {
  for (const c of cases) {
    test(c.name, async () => {
      const marked = c.text.includes('<|>') ? withCursor(c.text) : { text: c.text, offset: undefined };
      const d = doc(c.path, marked.text);
      const answer = await insertMethod(d, c.method, ctx(), { ...c.options, ...(marked.offset !== undefined ? { cursor: marked.offset } : {}) });
      assert.ok(answer.ok, answer.ok ? '' : answer.reason);
      assert.equal(applyInsertion(d.text, answer.merge), c.expect);
      assert.deepEqual(answer.merge.conflicts, []);
      const result = doc(c.path, c.expect);
      assert.equal(result.format, c.options?.format ?? d.format, 'the result is recognised as the format');
    });
  }
});

describe('conflicts', () => {
  test('(IA)³ keeping the file\'s target_modules leaves feedforward_modules outside them: asked, with the method\'s defaults as the alternative', async () => {
    const text = '{\n  "base_model_name_or_path": "./models/acme-7b",\n  "peft_type": "LORA",\n  "task_type": "CAUSAL_LM",\n  "r": 8,\n  "target_modules": ["q_proj", "v_proj"]\n}\n';
    const d = doc('/w/adapter_config.json', text);
    const answer = await insertMethod(d, 'ia3', ctx());
    assert.ok(answer.ok);
    assert.equal(answer.merge.conflicts.length, 1, answer.merge.conflicts.join('\n'));
    assert.match(answer.merge.conflicts[0], /feedforward_modules/);
    assert.ok(answer.defaults, 'an alternative with the method\'s own targets');
    assert.deepEqual(answer.defaults.conflicts, []);
    const resolved = applyInsertion(text, answer.defaults);
    assert.match(resolved, /"base_model_name_or_path": "\.\/models\/acme-7b"/);
    assert.match(resolved, /"target_modules": \["k_proj", "v_proj", "down_proj"\]/);
  });

  test('errors the file already had are not conflicts', async () => {
    const text = 'model_name_or_path: /models/llama\nstage: sft\nfinetuning_type: lora\nnot_an_argument: 1\n';
    const d = doc('/w/lf.yaml', text);
    assert.ok((await check(d, ctx())).some((i) => i.severity === 'error'));
    const answer = await insertMethod(d, 'dora', ctx());
    assert.ok(answer.ok);
    assert.deepEqual(answer.merge.conflicts, []);
  });

  test('a method the format cannot express, and an unrecognised file without a chosen tool, say why', async () => {
    const lf = await insertMethod(doc('/w/lf.yaml', 'model_name_or_path: m\nfinetuning_type: lora\n'), 'vera', ctx());
    assert.ok(!lf.ok && /finetuning_type/.test(lf.reason));
    const none = await insertMethod(doc('/w/new.yaml', ''), 'lora', ctx());
    assert.ok(!none.ok && /choose the tool/.test(none.reason));
  });
});

describe('what the merge will not guess at', () => {
  test('a JSON file that is not an adapter_config.json (package.json) is never rewritten', async () => {
    const answer = await insertMethod(doc('/w/package.json', '{\n  "name": "x"\n}\n'), 'lora', ctx(), { format: 'peft-adapter' });
    assert.ok(!answer.ok && /not a PEFT adapter_config.json/.test(answer.reason));
  });

  test('a file with syntax errors is refused with the reason', async () => {
    const answer = await insertMethod(doc('/w/a.yml', 'base_model: m\nadapter: [lora\n'), 'qlora', ctx());
    assert.ok(!answer.ok && /syntax errors/.test(answer.reason));
  });

  test('torchtune: an empty `model:` gives way to the builder block instead of a second `model`', async () => {
    const d = doc('/w/tt.yaml', 'output_dir: /tmp/out\nmodel:\nbatch_size: 2\n');
    const answer = await insertMethod(d, 'full', ctx(), { format: 'torchtune' });
    assert.ok(answer.ok);
    assert.equal(applyInsertion(d.text, answer.merge), 'output_dir: /tmp/out\nmodel:\n  _component_: torchtune.models.llama3_2.llama3_2_1b\nbatch_size: 2\n');
  });
});
