/** Sample packing, batch flattening and streaming rules. */
import { attentionOf, CANONICAL_ATTENTION, PACKING_ATTENTION } from './facts';
import { removeKeyFix, setKeyFix } from '../fixes';
import type { AxolotlConfig } from './family';
import { ruleFamily } from './family';

export const packingRules = ruleFamily(
  {
    'axolotl/packing-with-rl': '`sample_packing` with an RL trainer.',
    'axolotl/packing-with-eval-table': '`sample_packing` with `eval_table_size` while evaluation is packed.',
    'axolotl/packing-without-padding': '`sample_packing` with `pad_to_sequence_len: false`.',
    'axolotl/packing-attention': '`sample_packing` with an attention backend that lets packed samples see each other.',
    'axolotl/sdpa-varlen-without-packing': '`sdpa_varlen` without `sample_packing`.',
    'axolotl/batch-flattening-needs-varlen': '`batch_flattening` without a varlen attention backend.',
    'axolotl/batch-flattening-with-packing': '`batch_flattening` with `sample_packing`.',
    'axolotl/batch-flattening-single': '`batch_flattening` with `micro_batch_size: 1` (no effect).',
    'axolotl/streaming-needs-max-steps': 'Streaming data without `max_steps`.',
    'axolotl/streaming-with-val-set': 'Streaming data with a non-zero `val_set_size`.',
    'axolotl/streaming-packing-multiple': 'Packing several streamed datasets.',
  },
  [packingWithRl, evalTable, padding, packingAttention, flattening, streaming],
);

function packingWithRl(c: AxolotlConfig): void {
  if (c.on('sample_packing') && c.on('rl')) {
    c.error('axolotl/packing-with-rl', `\`sample_packing\` does not work with RL/preference training (\`rl: ${String(c.get('rl'))}\`); axolotl refuses it. Remove \`sample_packing\`.`, 'sample_packing', 'key', [setKeyFix(c.ctx, 'sample_packing', false, true)]);
  }
}

function evalTable(c: AxolotlConfig): void {
  if (c.on('sample_packing') && c.on('eval_table_size') && c.get('eval_sample_packing') !== false) {
    c.error('axolotl/packing-with-eval-table', 'The evaluation prediction table cannot be built from packed rows; axolotl refuses `eval_table_size` with `sample_packing` unless `eval_sample_packing: false`.', 'eval_table_size', 'key', [setKeyFix(c.ctx, 'eval_sample_packing', false, true)]);
  }
}

function padding(c: AxolotlConfig): void {
  if (c.on('sample_packing') && c.get('pad_to_sequence_len') === false) {
    c.info('axolotl/packing-without-padding', 'axolotl recommends `pad_to_sequence_len: true` with `sample_packing`: constant-size batches avoid memory fragmentation.', 'pad_to_sequence_len', 'value', [setKeyFix(c.ctx, 'pad_to_sequence_len', true)]);
  }
}

function packingAttention(c: AxolotlConfig): void {
  if (c.on('sample_packing')) {
    const attn = attentionOf(c);
    // Hub kernel paths are passed to transformers as they are (whether they isolate samples is theirs to
    // say); names axolotl refuses are the attention rules' business.
    if (attn && (attn.includes('/') || !CANONICAL_ATTENTION.includes(attn))) return;
    if (!attn) {
      c.warn('axolotl/packing-attention', 'No attention backend is set, so axolotl warns that packed samples may attend to their neighbours in the row. Set `attn_implementation` (e.g. `flash_attention_2`, `flex_attention` or `sdpa`).', 'sample_packing', 'key', [setKeyFix(c.ctx, 'attn_implementation', 'flash_attention_2')]);
    } else if (!PACKING_ATTENTION.has(attn) && attn !== 'sdpa' && attn !== 'eager') {
      c.warn('axolotl/packing-attention', `\`${attn}\` cannot keep packed samples apart, so each sample attends to its neighbours in the row (axolotl warns). Use \`flash_attention_2\`, \`flex_attention\` or \`sdpa\`.`, c.set('attn_implementation') ? 'attn_implementation' : 'sample_packing', 'value');
    }
  } else if (c.on('sdpa_varlen')) {
    c.warn('axolotl/sdpa-varlen-without-packing', '`sdpa_varlen` only changes how packed rows are attended; without `sample_packing` it does nothing.', 'sdpa_varlen');
  }
}

function flattening(c: AxolotlConfig): void {
  const value = c.get('batch_flattening');
  if (!c.on('batch_flattening') || value === 'auto') return;
  const attn = attentionOf(c);
  if (!attn || !PACKING_ATTENTION.has(attn)) {
    c.error('axolotl/batch-flattening-needs-varlen', 'Batch flattening concatenates rows without padding, which needs a varlen attention backend (e.g. `flash_attention_2`); axolotl refuses it otherwise. Set `attn_implementation: flash_attention_2`, or use `batch_flattening: auto`.', 'batch_flattening', 'key', [setKeyFix(c.ctx, 'batch_flattening', 'auto')]);
  }
  if (c.on('sample_packing')) {
    c.error('axolotl/batch-flattening-with-packing', 'Packed rows are already flat; axolotl refuses `batch_flattening` with `sample_packing`. Remove one of them.', 'batch_flattening', 'key', [removeKeyFix(c.ctx, 'batch_flattening')]);
  }
  if (c.num('micro_batch_size') === 1) {
    c.info('axolotl/batch-flattening-single', 'With `micro_batch_size: 1` there is nothing to flatten; `batch_flattening` has no effect.', 'batch_flattening');
  }
}

function streaming(c: AxolotlConfig): void {
  const source = c.on('streaming') ? 'streaming' : c.on('pretraining_dataset') ? 'pretraining_dataset' : undefined;
  if (!source) return;
  if (!c.on('max_steps')) {
    c.error('axolotl/streaming-needs-max-steps', `A streamed dataset (\`${source}\`) has no known length, so the trainer cannot plan the schedule; axolotl requires \`max_steps\`.`, source);
  }
  if (c.on('val_set_size')) {
    c.error('axolotl/streaming-with-val-set', `\`val_set_size\` cannot split a streamed dataset (\`${source}\`); axolotl refuses it. Use \`test_datasets\` for evaluation.`, 'val_set_size', 'value', [setKeyFix(c.ctx, 'val_set_size', 0)]);
  }
  const datasets = c.get('datasets');
  if (c.on('streaming') && c.on('sample_packing') && Array.isArray(datasets) && datasets.length > 1) {
    c.error('axolotl/streaming-packing-multiple', 'axolotl cannot yet pack several streamed datasets; it stops with NotImplementedError. Stream one dataset, or disable packing.', 'sample_packing');
  }
}
