/** Dataset and tokenizer rules. */
import { removeKeyFix, replaceValueFix, setKeyFix } from '../fixes';
import type { AxolotlConfig } from './family';
import { ruleFamily } from './family';

export const datasetRules = ruleFamily(
  {
    'axolotl/missing-datasets': 'Neither `datasets` nor `pretraining_dataset` is set.',
    'axolotl/sharegpt-removed': 'A dataset `type: sharegpt*` (removed; use `chat_template`).',
    'axolotl/jinja-needs-template': '`chat_template: jinja` without `chat_template_jinja`.',
    'axolotl/push-dataset-needs-auth': '`push_dataset_to_hub` without `hf_use_auth_token: true`.',
    'axolotl/mistral-common-conflict': 'Tokenizer edits with `tokenizer_use_mistral_common`.',
    'axolotl/test-datasets-with-val-set': '`test_datasets` with a non-zero `val_set_size`.',
    'axolotl/dedup-unavailable': '`dataset_exact_deduplication` where it cannot run.',
    'axolotl/causal-lm-eval-with-packing': '`do_causal_lm_eval` with packed evaluation.',
    'axolotl/pretraining-tokens-per-second': '`include_tokens_per_second` with `pretraining_dataset`.',
  },
  [missing, sharegpt, jinja, pushDataset, mistralCommon, testDatasets, dedup, causalLmEval, tokensPerSecond],
);

function missing(c: AxolotlConfig): void {
  if (c.get('datasets') == null && c.get('pretraining_dataset') == null) {
    c.error('axolotl/missing-datasets', 'axolotl needs training data: add a `datasets:` list (or `pretraining_dataset:` to stream one) — it refuses to start without.', c.set('base_model') ? 'base_model' : [], 'key');
  }
}

function datasetItems(c: AxolotlConfig): [string, number][] {
  const out: [string, number][] = [];
  for (const list of ['datasets', 'test_datasets', 'pretraining_dataset']) {
    const items = c.get(list);
    if (Array.isArray(items)) items.forEach((_, i) => out.push([list, i]));
  }
  return out;
}

function sharegpt(c: AxolotlConfig): void {
  for (const [list, i] of datasetItems(c)) {
    if (list === 'pretraining_dataset') continue;
    const type = c.get([list, i, 'type']);
    if (typeof type === 'string' && type.startsWith('sharegpt')) {
      c.error('axolotl/sharegpt-removed', `\`type: ${type}\` was removed; axolotl refuses sharegpt datasets. Use \`type: chat_template\` (with \`field_messages\` and \`message_property_mappings\` if the columns differ).`, [list, i, 'type'], 'value',
        [replaceValueFix(c.ctx, [list, i, 'type'], 'chat_template', 'Change to `chat_template`')]);
    }
  }
}

function jinja(c: AxolotlConfig): void {
  if (c.get('chat_template') === 'jinja' && !c.on('chat_template_jinja')) {
    c.error('axolotl/jinja-needs-template', '`chat_template: jinja` means "use my template", so axolotl requires `chat_template_jinja` (a template or a path to one).', 'chat_template', 'value');
  }
  for (const [list, i] of datasetItems(c)) {
    if (c.get([list, i, 'chat_template']) === 'jinja' && !c.on([list, i, 'chat_template_jinja'])) {
      c.error('axolotl/jinja-needs-template', 'This dataset uses `chat_template: jinja`, so axolotl requires `chat_template_jinja` next to it.', [list, i, 'chat_template'], 'value');
    }
  }
}

function pushDataset(c: AxolotlConfig): void {
  if (c.on('push_dataset_to_hub') && c.get('hf_use_auth_token') !== true) {
    c.error('axolotl/push-dataset-needs-auth', 'Pushing the prepared dataset needs your Hugging Face token; axolotl requires `hf_use_auth_token: true` with `push_dataset_to_hub`.', 'push_dataset_to_hub', 'key', [setKeyFix(c.ctx, 'hf_use_auth_token', true, true)]);
  }
}

function mistralCommon(c: AxolotlConfig): void {
  // axolotl turns the mistral-common tokenizer on by itself for Magistral models.
  const auto = !c.set('tokenizer_use_mistral_common') && ['base_model', 'base_model_config', 'tokenizer_config'].some((k) => c.str(k)?.toLowerCase().includes('magistral'));
  if (!c.on('tokenizer_use_mistral_common') && !auto) return;
  const why = auto ? ' (axolotl turns it on for Magistral models; set `tokenizer_use_mistral_common: false` to edit the tokenizer)' : '';
  for (const key of ['added_tokens_overrides', 'special_tokens', 'tokens', 'chat_template']) {
    if (c.on(key)) c.error('axolotl/mistral-common-conflict', `The mistral-common tokenizer cannot be edited; axolotl refuses \`${key}\` with it${why}.`, key, 'key', [removeKeyFix(c.ctx, key)]);
  }
}

function testDatasets(c: AxolotlConfig): void {
  if (c.on('test_datasets') && c.on('val_set_size')) {
    c.error('axolotl/test-datasets-with-val-set', 'Evaluation data comes either from `test_datasets` or from a `val_set_size` split; axolotl refuses both. Set `val_set_size: 0`.', 'val_set_size', 'value', [setKeyFix(c.ctx, 'val_set_size', 0, true)]);
  }
}

function dedup(c: AxolotlConfig): void {
  if (!c.on('dataset_exact_deduplication')) return;
  const streaming = c.firstOn(['streaming', 'pretraining_dataset']);
  if (streaming) c.error('axolotl/dedup-unavailable', `Deduplication needs the whole dataset up front; axolotl refuses \`dataset_exact_deduplication\` with \`${streaming}\`.`, 'dataset_exact_deduplication');
  else if (c.on('skip_prepare_dataset')) c.error('axolotl/dedup-unavailable', 'Deduplication runs while preparing the dataset, which `skip_prepare_dataset` skips; axolotl refuses the combination.', 'dataset_exact_deduplication');
}

function causalLmEval(c: AxolotlConfig): void {
  if (c.on('do_causal_lm_eval') && c.on('eval_sample_packing')) {
    c.error('axolotl/causal-lm-eval-with-packing', 'Generation metrics cannot run on packed rows; axolotl requires `eval_sample_packing: false` with `do_causal_lm_eval`.', 'eval_sample_packing', 'value', [setKeyFix(c.ctx, 'eval_sample_packing', false, true)]);
  }
}

function tokensPerSecond(c: AxolotlConfig): void {
  if (c.on('pretraining_dataset') && c.on('include_tokens_per_second')) {
    c.error('axolotl/pretraining-tokens-per-second', 'Counting tokens needs the whole dataset, which a streamed `pretraining_dataset` does not have; axolotl refuses `include_tokens_per_second` with it.', 'include_tokens_per_second', 'key', [removeKeyFix(c.ctx, 'include_tokens_per_second', true)]);
  }
}
