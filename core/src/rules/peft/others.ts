/**
 * `__post_init__` checks of the newer tuners that involve more than one field (single-field ranges and
 * enums are in the schema): AdaMSS's ASA schedule, GraLoRA's block split, PSOFT's Cayley-Neumann options,
 * SHiRA's mask and Supertuning's LoRA branch.
 */
import type { Reporter } from '../rule';
import type { Config } from './peftRule';
import { isNumber } from '../../formats/extractHelpers';
import { at, isPresent, peftRule, peftTypeOf, py, setting } from './peftRule';

export const othersRule = peftRule(
  ['ADAMSS', 'GRALORA', 'PSOFT', 'SHIRA', 'SUPERTUNING'],
  {
    'peft/adamss-asa-schedule': 'AdaMSS ASA: `init_warmup` is not below `final_warmup`.',
    'peft/adamss-asa-nonpositive': 'AdaMSS ASA: `mask_interval`, `asa_target_subspaces` or `asa_schedule_exponent` is not positive.',
    'peft/gralora-rank-divisible': 'GraLoRA `r` is not divisible by `gralora_k`.',
    'peft/psoft-cayley-neumann': 'PSOFT Cayley-Neumann options out of range.',
    'peft/psoft-unused-option': 'A PSOFT option that only applies to another setting is changed.',
    'peft/shira-custom-mask': 'SHiRA `mask_type` other than `random` needs a custom mask function.',
    'peft/supertuning-alpha-without-r': 'Supertuning `lora_alpha` set without `r`.',
  },
  (r, config) => CHECKS[peftTypeOf(config) ?? '']?.(r, config),
);

const CHECKS: Record<string, (r: Reporter, config: Config) => void> = {
  ADAMSS(r, config) {
    if (setting(config, 'use_asa', false) !== true) return;
    for (const [key, dflt] of [['mask_interval', 100], ['asa_target_subspaces', 50], ['asa_schedule_exponent', 3.0]] as const) {
      const v = setting(config, key, dflt);
      if (isNumber(v) && v <= 0) r.report('peft/adamss-asa-nonpositive', 'error', `With \`use_asa\`, \`${key}\` must be positive (here ${v}); PEFT raises ValueError.`, [key], 'value');
    }
    const init = setting(config, 'init_warmup', 50);
    const final = setting(config, 'final_warmup', 1000);
    if (isNumber(init) && isNumber(final) && init >= final) {
      r.report('peft/adamss-asa-schedule', 'error', `With \`use_asa\`, pruning runs from \`init_warmup\` to \`final_warmup\`, so \`init_warmup\` (${init}) must be below \`final_warmup\` (${final}); PEFT raises ValueError.`, at(config, 'init_warmup'));
    }
  },
  GRALORA(r, config) {
    const rank = setting(config, 'r', 32);
    const k = setting(config, 'gralora_k', 2);
    if (isNumber(rank) && isNumber(k) && k > 0 && rank % k !== 0) {
      r.report('peft/gralora-rank-divisible', 'error', `GraLoRA splits the rank into \`gralora_k\` blocks, so \`r\` (${rank}) must be divisible by \`gralora_k\` (${k}); PEFT raises ValueError.`, at(config, 'r'), 'value');
    }
  },
  PSOFT(r, config) {
    const cayley = setting(config, 'use_cayley_neumann', false) === true;
    const terms = setting(config, 'num_cayley_neumann_terms', 5);
    const eps = setting(config, 'cayley_neumann_eps');
    if (cayley && isNumber(terms) && terms <= 0) r.report('peft/psoft-cayley-neumann', 'error', `\`num_cayley_neumann_terms\` must be positive with \`use_cayley_neumann\` (here ${terms}); PEFT raises ValueError.`, ['num_cayley_neumann_terms'], 'value');
    if (cayley && isNumber(eps) && (eps <= 0 || eps >= 1)) r.report('peft/psoft-cayley-neumann', 'error', `\`cayley_neumann_eps\` must lie strictly between 0 and 1 (here ${eps}); PEFT raises ValueError.`, ['cayley_neumann_eps'], 'value');
    if (!cayley && isPresent(config, 'num_cayley_neumann_terms') && terms !== 5) unused(r, 'num_cayley_neumann_terms', '`use_cayley_neumann` is false');
    if (!cayley && eps !== null) unused(r, 'cayley_neumann_eps', '`use_cayley_neumann` is false');
    const niter = setting(config, 'psoft_svd_lowrank_niter', 10);
    if (setting(config, 'psoft_svd', 'full') !== 'lowrank' && isPresent(config, 'psoft_svd_lowrank_niter') && niter !== 10) unused(r, 'psoft_svd_lowrank_niter', '`psoft_svd` is not "lowrank"');
  },
  SHIRA(r, config) {
    const mask = setting(config, 'mask_type', 'random');
    if (mask !== 'random' && setting(config, 'inference_mode', false) !== true) {
      r.report('peft/shira-custom-mask', 'warning', `Only the \`random\` SHiRA mask is built in; with \`mask_type\` ${py(mask)} you must attach your own \`mask_fn\` to the config in Python, otherwise PEFT warns and the mask is not built as named.`, ['mask_type'], 'value');
    }
  },
  SUPERTUNING(r, config) {
    if (setting(config, 'r') === null && setting(config, 'lora_alpha') !== null) {
      r.report('peft/supertuning-alpha-without-r', 'error', '`lora_alpha` belongs to the optional LoRA branch, which only exists when `r` is set; PEFT raises ValueError. Set `r` or remove `lora_alpha`.', ['lora_alpha']);
    }
  },
};

function unused(r: Reporter, key: string, why: string): void {
  r.report('peft/psoft-unused-option', 'warning', `\`${key}\` has no effect because ${why}; PEFT warns and ignores it.`, [key]);
}
