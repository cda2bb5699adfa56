/**
 * A small, valid single-device LoRA recipe config and helpers to derive variants from it, for the
 * torchtune rule tables: each case edits the base and lists the issues expected as code@line.
 */
import assert from 'node:assert/strict';
import { check } from '../../../../core/src/index';
import { ctx, doc } from '../../../helpers/fixtures';
import { issueLines } from '../ruleTable';

export const BASE = `# Config for single device LoRA finetuning in lora_finetune_single_device.py
#   tune run lora_finetune_single_device --config my_lora.yaml
output_dir: /tmp/run
model:
  _component_: torchtune.models.llama3_2.lora_llama3_2_1b
  lora_attn_modules: ['q_proj', 'v_proj', 'output_proj']
  apply_lora_to_mlp: True
  lora_rank: 64
  lora_alpha: 128
tokenizer:
  _component_: torchtune.models.llama3.llama3_tokenizer
  path: /tmp/Llama-3.2-1B-Instruct/original/tokenizer.model
  max_seq_len: null
checkpointer:
  _component_: torchtune.training.FullModelHFCheckpointer
  checkpoint_dir: /tmp/Llama-3.2-1B-Instruct/
  checkpoint_files: [model.safetensors]
  recipe_checkpoint: null
  output_dir: \${output_dir}
  model_type: LLAMA3_2
resume_from_checkpoint: False
dataset:
  _component_: torchtune.datasets.alpaca_cleaned_dataset
  packed: False
seed: null
shuffle: True
batch_size: 4
optimizer:
  _component_: torch.optim.AdamW
  fused: True
  lr: 3e-4
lr_scheduler:
  _component_: torchtune.training.lr_schedulers.get_cosine_schedule_with_warmup
  num_warmup_steps: 100
loss:
  _component_: torchtune.modules.loss.LinearCrossEntropyLoss
epochs: 1
max_steps_per_epoch: null
gradient_accumulation_steps: 8
compile: False
metric_logger:
  _component_: torchtune.training.metric_logging.DiskLogger
  log_dir: \${output_dir}/logs
log_level: INFO
device: cuda
dtype: bf16
enable_activation_checkpointing: False
enable_activation_offloading: False
profiler:
  _component_: torchtune.training.setup_torch_profiler
  enabled: False
`;

/** The base with each [from, to] replacement applied; a replacement that matches nothing fails the test. */
export function variant(...edits: [string, string][]): string {
  let text = BASE;
  for (const [from, to] of edits) {
    assert.ok(text.includes(from), `fixture edit: ${JSON.stringify(from)} not found`);
    text = text.replace(from, to);
  }
  return text;
}

export interface Case {
  name: string;
  text: string;
  expected: string[];
}

/** The issues of a config as code@line, optionally only those whose code starts with a prefix. */
export async function issuesOf(text: string, prefix = ''): Promise<string[]> {
  return issueLines('/work/configs/run.yaml', text, (code) => code.startsWith(prefix), 'torchtune');
}

export async function fixesOf(text: string, code: string): Promise<string[]> {
  const d = doc('/work/configs/run.yaml', text);
  const issue = (await check(d, ctx())).find((i) => i.code === code);
  return (issue?.fixes ?? []).flatMap((f) => f.edits.map((e) => e.newText));
}
