/**
 * The Mamba-2 mixer that hybrid families share (Falcon-H1, Nemotron-H, Granite 4 hybrid), as
 * transformers 5.17 builds it: `in_proj` (hidden → z, x, B, C, dt), a depthwise `conv1d` over x/B/C,
 * per-head `dt_bias`, `A_log` and `D` owned by the mixer itself, an optional gated RMSNorm, and
 * `out_proj`. Only the two projections are nn.Linear.
 */
import type { Inventory } from '../inventory';

export interface Mamba2Shape {
  hidden: number;
  /** d_inner: the width of x and z (mamba_d_ssm, expand * hidden, or heads * head_dim). */
  inner: number;
  heads: number;
  groups: number;
  state: number;
  kernel: number;
  inBias: boolean;
  outBias: boolean;
  convBias: boolean;
  gatedNorm: boolean;
  className: string;
}

export function addMamba2Mixer(inv: Inventory, p: string, s: Mamba2Shape): void {
  const convDim = s.inner + 2 * s.groups * s.state;
  // The mixer owns its per-head parameters directly; listed before its children so it is listed once.
  inv.params(p, s.className, [{ name: 'dt_bias', shape: [s.heads] }, { name: 'A_log', shape: [s.heads] }, { name: 'D', shape: [s.heads] }], 'Other');
  inv.linear(`${p}.in_proj`, s.hidden, s.inner + convDim + s.heads, s.inBias);
  inv.params(`${p}.conv1d`, 'Conv1d', [{ name: 'weight', shape: [convDim, 1, s.kernel] }, ...(s.convBias ? [{ name: 'bias', shape: [convDim] }] : [])], 'Other');
  if (s.gatedNorm) inv.norm(`${p}.norm`, s.inner, 'RMSNorm');
  inv.linear(`${p}.out_proj`, s.inner, s.hidden, s.outBias);
}

/** What an estimate on a model with Mamba mixers says about them (PEFT 0.21, transformers 5.17). */
export const MAMBA_NOTE =
  'Mamba mixers: PEFT adapts their in_proj/out_proj (nn.Linear); all-linear does not pick the depthwise conv1d (nn.Conv1d), and A_log, D and dt_bias are raw parameters no target_modules name reaches. Memory counts the mixers\' weights; the selective scan\'s own saved states are not modelled.';
