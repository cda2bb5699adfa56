/** Preference / RL training rules (KTO, SimPO, EBFT). */
import { compare } from '../../versions/semver';
import { removeKeyFix, setKeyFix } from '../fixes';
import type { AxolotlConfig } from './family';
import { ruleFamily } from './family';

export const rlRules = ruleFamily(
  {
    'axolotl/kto-packing': 'Packed evaluation with `rl: kto`.',
    'axolotl/kto-remove-unused-columns': '`rl: kto` without `remove_unused_columns: false`.',
    'axolotl/simpo-warmup-ratio': '`warmup_ratio` with `rl: simpo`.',
    'axolotl/ebft-validator-crash': "`rl: ebft` with an `ebft` section, which axolotl 0.18's own validator crashes on.",
    'axolotl/ebft-compile-checkpointing': 'EBFT strided mode with `torch_compile: true` and gradient checkpointing.',
  },
  [kto, simpo, ebft],
);

function kto(c: AxolotlConfig): void {
  if (c.get('rl') !== 'kto') return;
  // Training-time packing is reported by the packing rules; KTO also refuses packed evaluation.
  if (c.on('eval_sample_packing') && !c.on('sample_packing')) {
    c.error('axolotl/kto-packing', 'KTO scores each completion on its own; axolotl refuses packed evaluation with `rl: kto`. Set `eval_sample_packing: false`.', 'eval_sample_packing', 'value', [setKeyFix(c.ctx, 'eval_sample_packing', false, true)]);
  }
  if (c.get('remove_unused_columns') !== false) {
    c.error('axolotl/kto-remove-unused-columns', 'The KTO trainer needs the label columns transformers would drop; axolotl requires `remove_unused_columns: false` with `rl: kto`.', c.set('remove_unused_columns') ? 'remove_unused_columns' : 'rl', 'value', [setKeyFix(c.ctx, 'remove_unused_columns', false, true)]);
  }
}

function simpo(c: AxolotlConfig): void {
  if (c.get('rl') === 'simpo' && c.on('warmup_ratio')) {
    c.error('axolotl/simpo-warmup-ratio', 'The SimPO trainer does not take `warmup_ratio`; axolotl refuses it. Use `warmup_steps`.', 'warmup_ratio', 'key', [removeKeyFix(c.ctx, 'warmup_ratio', true)]);
  }
}

/**
 * axolotl 0.18's EBFT validators: the `before` ones read the raw mapping; the `after` one
 * (check_ebft_gradient_checkpointing_reentrant) calls `(self.ebft or {}).get("mode")` on the parsed
 * EBFTConfig model, which has no `.get`, so every `rl: ebft` config with an `ebft` section stops with
 * AttributeError while it is validated (bench:axolotl reproduces it with the real schema). Reported
 * for 0.18.x only, where it was read: a later release is not known to have it.
 */
const EBFT_GET_BUG = { from: '0.18', until: '0.19' };

function ebft(c: AxolotlConfig): void {
  if (c.get('rl') !== 'ebft' || !c.on('ebft')) return;
  const mode = c.get(['ebft', 'mode']);
  if (mode === 'strided' && c.get('torch_compile') === true && c.on('gradient_checkpointing')) {
    c.error('axolotl/ebft-compile-checkpointing', 'axolotl refuses EBFT strided mode with `torch_compile: true` and `gradient_checkpointing`: recomputation fails with a CheckpointError (BlockMask metadata mismatch). Remove `torch_compile`; the flex_attention kernel compiles itself.', 'torch_compile', 'value', [removeKeyFix(c.ctx, 'torch_compile', true)]);
  }
  const version = c.ctx.stack?.versions.axolotl;
  if (version && compare(version, EBFT_GET_BUG.from) >= 0 && compare(version, EBFT_GET_BUG.until) < 0) {
    c.error('axolotl/ebft-validator-crash', `axolotl ${version}'s config validator crashes on this file: it calls \`.get("mode")\` on the parsed \`ebft\` section (an EBFTConfig object, not a dict), so validation stops with AttributeError before training starts. Run EBFT on an axolotl build where check_ebft_gradient_checkpointing_reentrant is fixed, and state it on the first line (\`# peft-lens: axolotl=<release>\`).`, 'ebft');
  }
}
