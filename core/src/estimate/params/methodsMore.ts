/**
 * Per-module parameters of the orthogonal and structured tuners (OFT, BOFT, HRA, MiSS, VB-LoRA,
 * C3A), LN tuning (a trainable copy of the module) and trainable tokens, with the shape checks
 * their layers make when PEFT creates them.
 */
import type { ModuleInfo } from '../../models/types';
import type { LayerCount, Method, MethodContext } from './methods';
import type { PeftFinding } from './peftView';
import { matchStart } from './pyRegex';
import { tensorsOf } from '../../models/inventory';

function layerError(message: string, key?: string): PeftFinding {
  return { code: 'model/incompatible-layer', severity: 'error', key, message };
}

function kernel(m: ModuleInfo): number {
  return m.type === 'Conv2d' ? (tensorsOf(m).find((t) => t.name === 'weight')?.shape[2] ?? 1) : 1;
}

/** OFT's `adjust_oft_parameters`: the divisor of in_features nearest to the requested value. */
export function adjustOft(inFeatures: number, wanted: number): number {
  if (wanted >= inFeatures) return inFeatures;
  let higher = wanted;
  while (higher <= inFeatures && inFeatures % higher !== 0) higher++;
  let lower = wanted;
  while (lower > 1 && inFeatures % lower !== 0) lower--;
  return wanted - lower <= higher - wanted ? lower : higher;
}

const oft: Method = {
  label: 'OFT',
  supports: ['Linear', 'Conv2d'],
  supportText: 'torch.nn.Linear and Conv2d',
  hasBias: true,
  perModule(m, c) {
    const inF = (m.inFeatures ?? 0) * kernel(m) * kernel(m);
    let r = c.view.num('r', 0);
    let bs = c.view.num('oft_block_size', 32);
    if (r === 0 && bs !== 0) {
      if (inF % bs !== 0 || bs > inF) bs = adjustOft(inF, bs);
      r = Math.floor(inF / bs);
    } else if (r !== 0 && bs === 0) {
      if (inF % r !== 0 || r > inF) r = adjustOft(inF, r);
      bs = Math.floor(inF / r);
    } else return layerError('OFT needs exactly one of `r` and `oft_block_size` to be non-zero (r × oft_block_size = in_features).', 'r');
    const blocks = c.view.bool('block_share', false) ? 1 : r;
    return { added: (blocks * bs * (bs - 1)) / 2 };
  },
};

function boftShape(inF: number, c: MethodContext): { num: number; size: number; factor: number } | string {
  let size = c.view.num('boft_block_size', 4);
  let num = c.view.num('boft_block_num', 0);
  const factor = c.view.num('boft_n_butterfly_factor', 1) - 1;
  if (factor < 0) return `boft_n_butterfly_factor must be a positive integer (got ${factor + 1})`;
  if (size === 0 && num !== 0) {
    if (inF % num !== 0) return `in_features (${inF}) must be divisible by boft_block_num (${num})`;
    if (factor !== 0 && (factor > Math.floor(Math.log2(num)) || num % 2 ** factor !== 0)) return `boft_block_num (${num}) does not fit boft_n_butterfly_factor (${factor + 1})`;
    size = inF / num;
  } else if (size !== 0 && num === 0) {
    if (inF % size !== 0) return `in_features (${inF}) must be divisible by boft_block_size (${size})`;
    if (factor !== 0 && (inF < size * 2 ** factor || inF % (size * 2 ** factor) !== 0)) return `in_features (${inF}), boft_n_butterfly_factor (${factor + 1}) and boft_block_size (${size}) do not fit together`;
    num = inF / size;
  } else return 'exactly one of boft_block_size and boft_block_num must be non-zero';
  if (factor !== 0 && (num % 2 !== 0 || size % 2 !== 0)) return `boft_block_num (${num}) and boft_block_size (${size}) must be even with butterfly factors`;
  return { num, size, factor };
}

const boft: Method = {
  label: 'BOFT',
  supports: ['Linear', 'Conv2d'],
  supportText: 'torch.nn.Linear and Conv2d',
  hasBias: true,
  perModule(m, c) {
    const inF = (m.inFeatures ?? 0) * kernel(m) * kernel(m);
    const shape = boftShape(inF, c);
    if (typeof shape === 'string') return layerError(`PEFT stops creating BOFT on \`${m.name}\`: ${shape}.`, 'boft_block_size');
    // boft_R [factors, blocks, size, size] and the output scale boft_s [out, 1].
    return { added: (shape.factor + 1) * shape.num * shape.size * shape.size + (m.outFeatures ?? 0) };
  },
};

const hra: Method = {
  label: 'HRA',
  supports: ['Linear', 'Conv2d'],
  supportText: 'torch.nn.Linear and Conv2d',
  hasBias: true,
  perModule(m, c) {
    const r = c.view.num('r', 8);
    if (r <= 0) return layerError(`PEFT stops: "\`r\` should be a positive integer value but the value passed is ${r}".`, 'r');
    return { added: (m.inFeatures ?? 0) * kernel(m) * kernel(m) * r };
  },
};

const miss: Method = {
  label: 'MiSS',
  supports: ['Linear'],
  supportText: 'torch.nn.Linear',
  hasBias: true,
  perModule(m, c) {
    const r = c.view.num('r', 64);
    if (r <= 0) return layerError(`PEFT stops: "\`r\` should be a positive integer value but the value passed is ${r}".`, 'r');
    const inF = m.inFeatures ?? 0;
    const outF = m.outFeatures ?? 0;
    const init = c.view.value('init_weights', true);
    if (init === 'bat') {
      if (inF % r !== 0 || outF % r !== 0) return layerError(`PEFT stops on \`${m.name}\`: "The weight matrix must be fully divisible into [r, r] blocks" (${outF}×${inF}, r=${r}).`, 'r');
      return { added: (outF / r) * r * r, rank: r };
    }
    if (init === 'mini') {
      const mini = c.view.num('mini_r', 1);
      if (outF % mini !== 0) return layerError(`PEFT stops on \`${m.name}\`: mini_r (${mini}) must divide out_features (${outF}).`, 'mini_r');
      return { added: r * mini, rank: r };
    }
    return { added: r * outF, rank: r };
  },
};

const vblora: Method = {
  label: 'VB-LoRA',
  supports: ['Linear', 'Conv1D'],
  supportText: 'torch.nn.Linear and transformers Conv1D',
  hasBias: true,
  perModule(m, c) {
    const r = c.view.num('r', 4);
    const length = c.view.num('vector_length', 256);
    const vectors = c.view.num('num_vectors', 256);
    const topk = c.view.num('topk', 2);
    if (r <= 0 || topk <= 0) return layerError(`PEFT stops: \`r\` (${r}) and \`topk\` (${topk}) must be positive.`, r <= 0 ? 'r' : 'topk');
    const inF = m.inFeatures ?? 0;
    const outF = m.outFeatures ?? 0;
    if (inF % length !== 0 || outF % length !== 0) return layerError(`PEFT stops on \`${m.name}\`: vector_length (${length}) must divide in_features (${inF}) and out_features (${outF}).`, 'vector_length');
    // vblora_logits_A [r, in/len, vectors] and vblora_logits_B [out/len, r, vectors]; the bank is shared.
    return { added: r * (inF / length) * vectors + (outF / length) * r * vectors, rank: r };
  },
};

const c3a: Method = {
  label: 'C3A',
  supports: ['Linear'],
  supportText: 'torch.nn.Linear',
  hasBias: true,
  perModule(m, c) {
    let b = c.view.num('block_size', 256);
    for (const [p, v] of Object.entries(c.view.patterns('block_size_pattern'))) {
      if (matchStart(`.*\\.${p}$`, m.name) && typeof v === 'number') {
        b = v;
        break;
      }
    }
    const inF = m.inFeatures ?? 0;
    const outF = m.outFeatures ?? 0;
    if (b <= 0) return layerError(`PEFT stops: "\`block_size\` should be a positive integer value but the value passed is ${b}".`, 'block_size');
    if (inF % b !== 0 || outF % b !== 0) return layerError(`PEFT stops on \`${m.name}\`: block_size ${b} must divide its input (${inF}) and output (${outF}) sizes.`, 'block_size');
    return { added: (outF / b) * (inF / b) * b };
  },
};

/** LN tuning trains a deep copy of each targeted module (its whole subtree, tied weights copied too). */
export function copyParams(m: ModuleInfo, all: ModuleInfo[]): number {
  const prefix = `${m.name}.`;
  return [m, ...all.filter((x) => x.name.startsWith(prefix))].reduce((sum, x) => sum + x.params + tiedWeight(x), 0);
}

function tiedWeight(m: ModuleInfo): number {
  return m.tiedTo ? (m.inFeatures ?? 0) * (m.outFeatures ?? 0) : 0;
}

export function lnTuning(all: ModuleInfo[]): Method {
  return {
    label: 'LN tuning',
    supports: ['Linear', 'Conv1D', 'Embedding', 'LayerNorm', 'RMSNorm', 'Conv2d', 'Parameter', 'Other'],
    supportText: 'any module',
    hasBias: false,
    perModule: (m): LayerCount => ({ added: copyParams(m, all) }),
  };
}

export const MORE_METHODS: Record<string, Method> = { OFT: oft, BOFT: boft, HRA: hra, MISS: miss, VBLORA: vblora, C3A: c3a };
