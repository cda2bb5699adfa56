/**
 * OFT and BOFT size their orthogonal blocks from exactly one of two numbers (blocks × block size =
 * layer width), so exactly one must be non-zero. OFT's loader also refuses pre-0.14 files
 * (`check_kwargs`) and warns about Cayley-Neumann adapters from before 0.18.
 */
import type { Reporter } from '../rule';
import type { Config } from './peftRule';
import { PEFT_TYPE_PATH, at, isPresent, peftRule, peftTypeOf, setting } from './peftRule';

export const oftRule = peftRule(
  ['OFT', 'BOFT'],
  {
    'peft/oft-block-size-missing': 'A saved OFT config without `oft_block_size` (the format before PEFT 0.14), which PEFT refuses to load.',
    'peft/oft-r-and-block-size': 'OFT `r` and `oft_block_size` are both non-zero.',
    'peft/oft-no-block': 'OFT `r` and `oft_block_size` are both zero.',
    'peft/oft-cayley-old-version': 'An OFT adapter using Cayley-Neumann saved by a PEFT older than 0.18, whose parameterisation differed.',
    'peft/boft-block-size-and-num': 'BOFT `boft_block_size` and `boft_block_num` are both non-zero.',
    'peft/boft-no-block': 'BOFT `boft_block_size` and `boft_block_num` are both zero.',
  },
  (r, config) => (peftTypeOf(config) === 'OFT' ? oft(r, config) : boft(r, config)),
);

function oft(r: Reporter, config: Config): void {
  if (!isPresent(config, 'oft_block_size')) {
    r.report('peft/oft-block-size-missing', 'error', 'This OFT config has no `oft_block_size`: OFT changed in PEFT 0.14 and PEFT refuses to load adapters saved in the old format (ValueError). Retrain with a current PEFT, or use PEFT 0.13 for this adapter. For a new config, set `oft_block_size` (and `r: 0`).', PEFT_TYPE_PATH, 'value');
  } else {
    exactlyOne(r, config, ['r', 0], ['oft_block_size', 32], 'peft/oft-r-and-block-size', 'peft/oft-no-block');
  }
  if (config.use_cayley_neumann === true && olderThan(config.peft_version, [0, 18])) {
    r.report('peft/oft-cayley-old-version', 'warning', `The Cayley-Neumann parameterisation changed in PEFT 0.18 and this adapter was saved by ${typeof config.peft_version === 'string' ? `PEFT ${config.peft_version}` : 'an older PEFT (no `peft_version`)'}; PEFT warns that it may not reproduce the trained adapter. Retrain, or load it with the PEFT version that trained it.`, ['use_cayley_neumann']);
  }
}

function boft(r: Reporter, config: Config): void {
  exactlyOne(r, config, ['boft_block_size', 4], ['boft_block_num', 0], 'peft/boft-block-size-and-num', 'peft/boft-no-block');
}

/** Exactly one of two sizes must be non-zero; the defaults count when a key is absent. */
function exactlyOne(r: Reporter, config: Config, [a, aDefault]: [string, number], [b, bDefault]: [string, number], bothCode: string, noneCode: string): void {
  const va = setting(config, a, aDefault);
  const vb = setting(config, b, bDefault);
  if (typeof va !== 'number' || typeof vb !== 'number') return;
  const defaults = `(defaults: \`${a}\` ${aDefault}, \`${b}\` ${bDefault})`;
  if (va !== 0 && vb !== 0) {
    const written = isPresent(config, a) ? a : b;
    r.report(bothCode, 'error', `Set either \`${a}\` or \`${b}\`, not both: their product must equal the layer's input size, so PEFT raises ValueError when both are non-zero (here ${va} and ${vb}) ${defaults}. Set the one you do not choose to 0.`, [written]);
  } else if (va === 0 && vb === 0) {
    r.report(noneCode, 'error', `\`${a}\` and \`${b}\` are both 0, which leaves the block size undetermined; PEFT raises ValueError. Set one of them to a positive value.`, at(config, a));
  }
}

/** True when a PEFT version string (e.g. "0.17.1", "0.20.1.dev0@abc") is missing or below `min`. */
function olderThan(version: unknown, min: [number, number]): boolean {
  if (typeof version !== 'string') return true;
  const m = /^(\d+)\.(\d+)/.exec(version);
  if (!m) return true;
  const [major, minor] = [Number(m[1]), Number(m[2])];
  return major < min[0] || (major === min[0] && minor < min[1]);
}
