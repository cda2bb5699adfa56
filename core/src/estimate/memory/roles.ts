/**
 * Where a Linear sits in a decoder layer's dataflow. Memory only cares which tensor a projection
 * reads (modules reading the same tensor share one saved copy of it) and whether it is the gate of a
 * gated MLP, so four input groups and a few names are enough for every decoder family we model.
 */
import type { Architecture, ModuleInfo } from '../../models/types';

export type Role = 'q' | 'k' | 'v' | 'qkv' | 'o' | 'gate' | 'up' | 'gate_up' | 'down' | 'router' | 'lm_head' | 'other';

/** The tensor a projection reads: the normed input of attention or MLP, the attention output, the MLP hidden. */
export type InputGroup = 'attnIn' | 'attnOut' | 'mlpIn' | 'mlpMid' | 'head' | 'other';

const BY_NAME: Record<string, Role> = {
  q_proj: 'q', query: 'q', q: 'q', wq: 'q',
  k_proj: 'k', key: 'k', k: 'k', wk: 'k',
  v_proj: 'v', value: 'v', v: 'v', wv: 'v',
  qkv_proj: 'qkv', c_attn: 'qkv', query_key_value: 'qkv', Wqkv: 'qkv', W_pack: 'qkv',
  o_proj: 'o', out_proj: 'o', wo: 'o', o: 'o', dense: 'o',
  gate_proj: 'gate', w1: 'gate',
  up_proj: 'up', w3: 'up', fc1: 'up', c_fc: 'up', dense_h_to_4h: 'up', fc_in: 'up',
  gate_up_proj: 'gate_up',
  down_proj: 'down', w2: 'down', fc2: 'down', dense_4h_to_h: 'down', fc_out: 'down',
  gate: 'router', router: 'router',
  lm_head: 'lm_head', embed_out: 'lm_head',
};

export function roleOf(name: string): Role {
  const parts = name.split('.');
  const last = parts[parts.length - 1];
  // GPT-2 style blocks name both the attention output and the MLP output `c_proj`.
  if (last === 'c_proj') return parts.includes('mlp') ? 'down' : 'o';
  // Mixtral names its experts' projections w1/w2/w3 and its router `gate`; Qwen-MoE's `gate` is a router too.
  return BY_NAME[last] ?? 'other';
}

export function inputGroup(role: Role): InputGroup {
  switch (role) {
    case 'q': case 'k': case 'v': case 'qkv': return 'attnIn';
    case 'o': return 'attnOut';
    case 'gate': case 'up': case 'gate_up': case 'router': return 'mlpIn';
    case 'down': return 'mlpMid';
    case 'lm_head': return 'head';
    default: return 'other';
  }
}

/** Families built like GPT-2 (LayerNorm, a plain fc-act-fc MLP), used only when no module inventory is known. */
const CLASSIC_BLOCKS = ['gpt2', 'gpt_neox', 'gptj', 'opt', 'bloom', 'falcon', 'phi', 'starcoder2', 'gpt_bigcode', 'mpt'];

/** A gated MLP (SwiGLU/GeGLU: act(gate) * up) saves three intermediates instead of one. */
export function hasGatedMlp(arch: Architecture): boolean {
  const first = arch.modules.filter((m) => m.layer === 0 && (m.type === 'Linear' || m.type === 'Conv1D'));
  if (first.length > 0) return first.some((m) => ['gate', 'gate_up'].includes(roleOf(m.name)));
  return !CLASSIC_BLOCKS.includes(arch.modelType);
}

/** Normalisation layers decide what the norm saves: RMSNorm keeps its normalised output for the weight grad. */
export function usesLayerNorm(arch: Architecture): boolean {
  const norms = arch.modules.filter((m) => m.type === 'LayerNorm' || m.type === 'RMSNorm');
  if (norms.length > 0) return norms.every((m) => m.type === 'LayerNorm');
  return CLASSIC_BLOCKS.includes(arch.modelType);
}

export function isLinear(m: ModuleInfo): boolean {
  return m.type === 'Linear' || m.type === 'Conv1D';
}
