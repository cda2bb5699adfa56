/**
 * Prompt-learning configs (`PromptLearningConfig` subclasses) and LLaMA-Adapter: the sizes PEFT cannot
 * guess, the TEXT-init wiring of prompt tuning, and the CPT and Cartridge consistency checks.
 */
import type { Reporter } from '../rule';
import { truthy } from '../rule';
import type { Config } from './peftRule';
import { isNumber } from '../../formats/extractHelpers';
import { at, peftRule, peftTypeOf, py, setting } from './peftRule';

const NEEDS_VIRTUAL_TOKENS = ['PROMPT_TUNING', 'MULTITASK_PROMPT_TUNING', 'P_TUNING', 'PREFIX_TUNING', 'CARTRIDGE'];
const TEXT_INIT = ['PROMPT_TUNING', 'MULTITASK_PROMPT_TUNING'];
const SOURCE_INITS = ['AVERAGE_SOURCE_TASKS', 'EXACT_SOURCE_TASK', 'ONLY_SOURCE_SHARED'];

export const promptLearningRule = peftRule(
  [...NEEDS_VIRTUAL_TOKENS, 'CPT', 'ADAPTION_PROMPT'],
  {
    'peft/missing-required-key': 'A size PEFT needs to build the adapter (`num_virtual_tokens`, `adapter_len`, `adapter_layers`) is missing or null.',
    'peft/prompt-text-needs-tokenizer': '`prompt_tuning_init: "TEXT"` without `tokenizer_name_or_path`.',
    'peft/prompt-text-needs-text': '`prompt_tuning_init: "TEXT"` without `prompt_tuning_init_text`.',
    'peft/tokenizer-kwargs-without-text': '`tokenizer_kwargs` set while `prompt_tuning_init` is not "TEXT".',
    'peft/multitask-source-needs-path': 'A multitask prompt init from source tasks without `prompt_tuning_init_state_dict_path`.',
    'peft/cpt-task-type': 'CPT only supports `task_type: "CAUSAL_LM"`.',
    'peft/cpt-length-mismatch': '`cpt_token_ids`, `cpt_mask` and `cpt_tokens_type_mask` have different lengths.',
    'peft/cartridge-frozen-tokens': '`num_frozen_tokens` is larger than `num_virtual_tokens`.',
  },
  (r, config) => {
    const type = peftTypeOf(config) ?? '';
    if (NEEDS_VIRTUAL_TOKENS.includes(type)) required(r, config, 'num_virtual_tokens', 'the number of soft-prompt tokens');
    if (type === 'ADAPTION_PROMPT') {
      required(r, config, 'adapter_len', 'the number of adaption-prompt tokens');
      required(r, config, 'adapter_layers', 'how many top layers get an adaption prompt');
    }
    if (TEXT_INIT.includes(type)) textInit(r, config);
    if (type === 'MULTITASK_PROMPT_TUNING') multitaskSource(r, config);
    if (type === 'CPT') cpt(r, config);
    if (type === 'CARTRIDGE') cartridge(r, config);
  },
);

function required(r: Reporter, config: Config, key: string, what: string): void {
  if (setting(config, key) !== null) return;
  r.report('peft/missing-required-key', 'error', `\`${key}\` (${what}) has no default: without it PEFT fails with a TypeError when it builds the adapter. Set it to a positive integer.`, at(config, key));
}

function textInit(r: Reporter, config: Config): void {
  const text = setting(config, 'prompt_tuning_init', 'RANDOM') === 'TEXT';
  if (text && !truthy(setting(config, 'tokenizer_name_or_path'))) {
    r.report('peft/prompt-text-needs-tokenizer', 'error', 'A TEXT init encodes `prompt_tuning_init_text` with a tokenizer: without `tokenizer_name_or_path` PEFT raises ValueError. Set it to the base model\'s tokenizer.', ['prompt_tuning_init'], 'value');
  }
  if (text && setting(config, 'prompt_tuning_init_text') === null) {
    r.report('peft/prompt-text-needs-text', 'error', 'A TEXT init needs the text to start from: without `prompt_tuning_init_text` PEFT raises ValueError. Add the text, or use `RANDOM`.', ['prompt_tuning_init'], 'value');
  }
  if (!text && truthy(setting(config, 'tokenizer_kwargs'))) {
    r.report('peft/tokenizer-kwargs-without-text', 'error', '`tokenizer_kwargs` is only used to load the tokenizer for a TEXT init; PEFT raises ValueError when it is set with another init. Remove it, or use `"prompt_tuning_init": "TEXT"`.', ['tokenizer_kwargs']);
  }
}

function multitaskSource(r: Reporter, config: Config): void {
  const init = setting(config, 'prompt_tuning_init', 'RANDOM');
  if (typeof init === 'string' && SOURCE_INITS.includes(init) && setting(config, 'prompt_tuning_init_state_dict_path') === null) {
    r.report('peft/multitask-source-needs-path', 'error', `\`${init}\` initialises from prompts trained on source tasks: without \`prompt_tuning_init_state_dict_path\` PEFT raises ValueError when it builds the prompt. Point it at the source checkpoint, or use \`RANDOM\`/\`TEXT\`.`, ['prompt_tuning_init'], 'value');
  }
}

function cpt(r: Reporter, config: Config): void {
  const task = setting(config, 'task_type');
  if (task !== 'CAUSAL_LM') {
    r.report('peft/cpt-task-type', 'error', `CPT only supports causal language models: with \`task_type\` ${py(task)} PEFT raises ValueError. Set \`"task_type": "CAUSAL_LM"\`.`, at(config, 'task_type'), 'value');
  }
  const lists = (['cpt_token_ids', 'cpt_mask', 'cpt_tokens_type_mask'] as const).filter((k) => Array.isArray(config[k]));
  if (lists.length < 2) return;
  const lengths = lists.map((k) => (config[k] as unknown[]).length);
  const odd = lists.find((_, i) => lengths[i] !== lengths[0]);
  if (odd) {
    r.report('peft/cpt-length-mismatch', 'error', `\`cpt_token_ids\`, \`cpt_mask\` and \`cpt_tokens_type_mask\` describe the same tokens and must have the same length (here ${lists.map((k, i) => `${k}: ${lengths[i]}`).join(', ')}); PEFT raises ValueError.`, [odd]);
  }
}

function cartridge(r: Reporter, config: Config): void {
  const frozen = setting(config, 'num_frozen_tokens', 1);
  const total = setting(config, 'num_virtual_tokens');
  if (isNumber(frozen) && isNumber(total) && frozen > total) {
    r.report('peft/cartridge-frozen-tokens', 'error', `\`num_frozen_tokens\` (${frozen}) cannot exceed \`num_virtual_tokens\` (${total}); PEFT raises ValueError. Lower it.`, at(config, 'num_frozen_tokens'), 'value');
  }
}
