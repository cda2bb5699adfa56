// The benchmark's files: the bundled examples, a realistic 300-line axolotl config, a 10,000-line
// YAML (a long datasets list), and a deeply nested adapter_config.json. Each file names the key whose
// value the edit loop changes and the key hovered.
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const HEADER = `# Llama 3 8B, QLoRA, long-context SFT with packing (benchmark fixture)
base_model: meta-llama/Meta-Llama-3-8B
model_type: AutoModelForCausalLM
tokenizer_type: AutoTokenizer
trust_remote_code: false

load_in_8bit: false
load_in_4bit: true
adapter: qlora
lora_r: 32
lora_alpha: 16
lora_dropout: 0.05
lora_target_linear: true
lora_modules_to_save:
  - embed_tokens
  - lm_head

sequence_len: 4096
sample_packing: true
pad_to_sequence_len: true
micro_batch_size: 2
gradient_accumulation_steps: 4
num_epochs: 2
optimizer: paged_adamw_8bit
lr_scheduler: cosine
learning_rate: 0.0002
weight_decay: 0.0
max_grad_norm: 1.0
warmup_steps: 10
bf16: auto
tf32: false
gradient_checkpointing: true
flash_attention: true
logging_steps: 1
evals_per_epoch: 4
saves_per_epoch: 1
val_set_size: 0.05
output_dir: ./outputs/bench
special_tokens:
  pad_token: <|end_of_text|>
datasets:
`;

function dataset(i) {
  return `  # source ${i}: instruction data
  - path: org/dataset-${i}
    type: alpaca
    split: train
    ds_type: json
`;
}

export function buildCorpus(dir, examplesDir) {
  mkdirSync(dir, { recursive: true });
  const files = [];
  for (const path of walk(examplesDir)) {
    const target = join(dir, 'examples', relative(examplesDir, path));
    mkdirSync(join(target, '..'), { recursive: true });
    cpSync(path, target);
    files.push(describe(target, 'example'));
  }
  let realistic = HEADER;
  for (let i = 0; realistic.split('\n').length < 300; i++) realistic += dataset(i);
  writeFileSync(join(dir, 'realistic-300.yml'), realistic);
  files.push(describe(join(dir, 'realistic-300.yml'), '300-line config'));
  let big = HEADER;
  const parts = [];
  for (let i = 0; HEADER.split('\n').length + parts.length * 5 < 10_000; i++) parts.push(dataset(i));
  big += parts.join('');
  writeFileSync(join(dir, 'big-10k.yml'), big);
  files.push(describe(join(dir, 'big-10k.yml'), '10,000-line YAML'));
  mkdirSync(join(dir, 'deep'), { recursive: true });
  let nested = '"leaf"';
  for (let i = 0; i < 200; i++) nested = `{"level${i}": ${nested}}`;
  const deep = `{\n  "peft_type": "LORA",\n  "base_model_name_or_path": "meta-llama/Llama-2-7b-hf",\n  "r": 8,\n  "lora_alpha": 16,\n  "target_modules": ["q_proj", "v_proj"],\n  "task_type": "CAUSAL_LM",\n  "auto_mapping": ${nested}\n}\n`;
  writeFileSync(join(dir, 'deep', 'adapter_config.json'), deep);
  files.push(describe(join(dir, 'deep', 'adapter_config.json'), 'deep JSON (200 levels)'));
  return files;
}

/** Where to edit (a number value) and hover (a key) in each file; the keys every format has. */
function describe(path, label) {
  const text = readFileSync(path, 'utf8');
  const edit = /^(\s*"?(?:lora_r|r|lora_rank|micro_batch_size|batch_size|per_device_train_batch_size|learning_rate)"?\s*:\s*)([0-9.e-]+)/m.exec(text);
  if (!edit) throw new Error(`no editable number in ${path}`);
  const valueStart = edit.index + edit[1].length;
  return { path, label, text, edit: { start: valueStart, end: valueStart + edit[2].length }, hover: edit.index + edit[1].search(/\w/) + 1 };
}

function walk(dir) {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}
