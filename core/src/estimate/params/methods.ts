/**
 * The parameters each PEFT tuner adds to one adapted module, from the tuner's layer code
 * (`update_layer` / `create_adapter_parameters` in peft/tuners/<method>/layer.py), and the layer
 * types each tuner accepts (its `_create_new_module` dispatch).
 */
import type { ModuleInfo, ModuleType } from '../../models/types';
import { lokrParams } from './lokrShapes';
import type { PeftFinding, PeftView } from './peftView';
import { fullmatch, matchStart } from './pyRegex';
import type { NameList } from './targets';
import { tensorsOf } from '../../models/inventory';

export interface LayerCount {
  /** Parameters the adapter adds to the model. */
  added: number;
  /** Of those, the ones PEFT keeps frozen (MiCA's lora_B). */
  frozen?: number;
  /** The rank the layer was built with, for tuners whose forward has a rank-wide intermediate (absent: none). */
  rank?: number;
  /** IA3: the module is a feed-forward one, so its input (not its output) is scaled. */
  feedforward?: boolean;
  /** LoRA: the layer is a DoRA layer (a magnitude vector on top of the low-rank update). */
  dora?: boolean;
}

export interface MethodContext {
  view: PeftView;
  /** rank_pattern/alpha_pattern additions from the transformers 5 MoE conversion. */
  extraRankPattern: Record<string, number>;
  feedforward: NameList;
  /** rank_pattern with the conversion's additions, merged once per adapter. */
  rankPatterns?: Record<string, unknown>;
}

export interface Method {
  label: string;
  supports: ModuleType[];
  supportText: string;
  /** The tuner has a `bias` option (none / all / <method>_only). */
  hasBias: boolean;
  perModule(m: ModuleInfo, c: MethodContext): LayerCount | PeftFinding;
}

const LINEAR_LIKE: ModuleType[] = ['Linear', 'Conv1D'];

function kernelOf(m: ModuleInfo): number {
  return m.type === 'Conv2d' ? (tensorsOf(m).find((t) => t.name === 'weight')?.shape[2] ?? 1) : 0;
}

/** Elements of one convolution kernel (k·k for Conv2d, t·h·w for Conv3d), which lora_A spans; 1 otherwise. */
function kernelVolume(m: ModuleInfo): number {
  if (m.type !== 'Conv2d' && m.type !== 'Conv3d') return 1;
  const shape = tensorsOf(m).find((t) => t.name === 'weight')?.shape ?? [];
  return shape.slice(2).reduce((a, b) => a * b, 1);
}

function dims(m: ModuleInfo): { inF: number; outF: number } {
  return { inF: m.inFeatures ?? 0, outF: m.outFeatures ?? 0 };
}

/** `get_pattern_key`: the first pattern whose regex matches a dotted suffix of the module name. */
export function patternValue(patterns: Record<string, unknown>, key: string, fallback: number): number {
  for (const p in patterns) {
    const v = patterns[p];
    if (matchStart(`(.*\\.)?(${p})$`, key) && typeof v === 'number') return v;
  }
  return fallback;
}

/** The `.*\.{key}$` form C3A's block_size_pattern and FourierFT's n_frequency_pattern use. */
function suffixPatternValue(patterns: Record<string, unknown>, key: string, fallback: number): number {
  for (const [p, v] of Object.entries(patterns)) if (matchStart(`.*\\.${p}$`, key) && typeof v === 'number') return v;
  return fallback;
}

function rankError(r: number, key: string): PeftFinding {
  return { code: 'model/invalid-rank', severity: 'error', key, message: `PEFT stops when it creates the adapter layers: "\`r\` should be a positive integer value but the value passed is ${r}".` };
}

function layerError(message: string, key?: string): PeftFinding {
  return { code: 'model/incompatible-layer', severity: 'error', key, message };
}

export function loraRank(m: ModuleInfo, c: MethodContext): { r: number; rankKey: string } {
  c.rankPatterns ??= { ...c.view.patterns('rank_pattern'), ...c.extraRankPattern };
  const r = patternValue(c.rankPatterns, m.name, c.view.num('r', 8));
  return { r, rankKey: 'rank_pattern' in c.view.raw && r !== c.view.num('r', 8) ? 'rank_pattern' : 'r' };
}

const lora: Method = {
  label: 'LoRA',
  supports: ['Linear', 'Conv1D', 'Embedding', 'Conv2d', 'Conv3d'],
  supportText: 'torch.nn.Linear, Embedding, Conv1d/2d/3d, MultiheadAttention and transformers Conv1D',
  hasBias: true,
  perModule(m, c) {
    const { r, rankKey } = loraRank(m, c);
    if (r <= 0) return rankError(r, rankKey);
    const { inF, outF } = dims(m);
    const useDora = c.view.bool('use_dora', false);
    const dora = useDora ? outF : 0;
    const loraBias = c.view.bool('lora_bias', false) && m.type !== 'Embedding' ? outF : 0;
    // lora_A is a convolution with the base kernel into r channels, lora_B a 1×1 one back out
    const a = inF * r * kernelVolume(m);
    const b = r * outF + loraBias;
    const init = c.view.raw.init_lora_weights;
    // MiCA freezes lora_B (built from the smallest singular vectors) and trains only lora_A.
    const frozen = typeof init === 'string' && init.toLowerCase() === 'mica' ? r * outF : 0;
    return { added: a + b + dora, frozen, rank: r, dora: useDora };
  },
};

const adalora: Method = {
  label: 'AdaLoRA',
  supports: LINEAR_LIKE,
  supportText: 'torch.nn.Linear and transformers Conv1D',
  hasBias: true,
  perModule(m, c) {
    const r = c.view.num('init_r', 12);
    if (r <= 0) return rankError(r, 'init_r');
    const { inF, outF } = dims(m);
    // lora_A [r, in], lora_B [out, r], lora_E [r, 1] and the ranknum scalar (counted trainable by PEFT 0.21).
    return { added: r * inF + r * outF + r + 1, rank: r };
  },
};

function isFeedforward(list: NameList, key: string): boolean {
  if (list === null) return false;
  if (typeof list === 'string') return fullmatch(list, key);
  return list.some((x) => key.endsWith(x));
}

const ia3: Method = {
  label: 'IA3',
  supports: ['Linear', 'Conv1D', 'Conv2d'],
  supportText: 'torch.nn.Linear, Conv2d/3d and transformers Conv1D',
  hasBias: false,
  perModule(m, c) {
    const { inF, outF } = dims(m);
    const feedforward = isFeedforward(c.feedforward, m.name);
    return { added: feedforward ? inF : outF, feedforward };
  },
};

/** LoHa and LoKr (LyCORIS): on Linear and Conv layers, sized by each module's rank (rank_pattern over r). */
function lycoris(label: string, added: (m: ModuleInfo, c: MethodContext, r: number, inF: number, outF: number) => number): Method {
  return {
    label,
    supports: ['Linear', 'Conv2d'],
    supportText: 'torch.nn.Linear, Conv1d and Conv2d',
    hasBias: false,
    perModule(m, c) {
      const r = patternValue(c.view.patterns('rank_pattern'), m.name, c.view.num('r', 8));
      if (r <= 0) return rankError(r, 'r');
      const { inF, outF } = dims(m);
      return { added: added(m, c, r, inF, outF), rank: r };
    },
  };
}

const loha = lycoris('LoHa', (m, c, r, inF, outF) => {
  const k = kernelOf(m);
  if (k === 0) return 2 * r * (inF + outF);
  if (c.view.bool('use_effective_conv2d', false) && k > 1) return 2 * (r * r * k * k + r * outF + r * inF);
  return 2 * (outF * r + r * inF * k * k);
});

const lokr = lycoris('LoKr', (m, c, r, inF, outF) =>
  lokrParams(inF, outF, kernelOf(m), r, c.view.bool('decompose_both', false), c.view.num('decompose_factor', -1), c.view.bool('use_effective_conv2d', false)),
);

const vera: Method = {
  label: 'VeRA',
  supports: LINEAR_LIKE,
  supportText: 'torch.nn.Linear and transformers Conv1D',
  hasBias: true,
  perModule(m, c) {
    const r = c.view.num('r', 256);
    if (r <= 0) return rankError(r, 'r');
    // lambda_d [r] and lambda_b [out]; the shared vera_A/vera_B projections are buffers, not parameters.
    return { added: r + dims(m).outF, rank: r };
  },
};

const fourierft: Method = {
  label: 'FourierFT',
  supports: ['Linear', 'Conv1D', 'Conv2d'],
  supportText: 'torch.nn.Linear, Conv2d and transformers Conv1D',
  hasBias: true,
  perModule(m, c) {
    const n = suffixPatternValue(c.view.patterns('n_frequency_pattern'), m.name, c.view.num('n_frequency', 1000));
    const { inF, outF } = dims(m);
    if (n <= 0) return layerError(`PEFT stops: "\`n_frequency\` should be a positive integer value but the value passed is ${n}".`, 'n_frequency');
    if (n > inF * outF) return layerError(`PEFT stops: n_frequency ${n} is more than the ${inF * outF} entries of \`${m.name}\` (${outF}×${inF}).`, 'n_frequency');
    return { added: n };
  },
};

export const BASE_METHODS: Record<string, Method> = { LORA: lora, ADALORA: adalora, IA3: ia3, LOHA: loha, LOKR: lokr, VERA: vera, FOURIERFT: fourierft };
