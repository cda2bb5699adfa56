/**
 * Optimizer state and step memory, by optimizer family. Sizes follow each implementation: torch's
 * optimizers keep states in the parameter's dtype; bitsandbytes 32-bit optimizers keep fp32 states,
 * its 8-bit ones one byte per element plus an fp32 absmax per 256-element block; paged variants live
 * in CUDA unified memory (outside PyTorch's allocator, evictable to the host).
 */

export interface OptimizerSpec {
  /** The name as given, and the implementation it was read as. */
  name: string;
  label: string;
  /** State bytes per trainable element, given the parameter's bytes per element. */
  statesPerParam: (paramBytes: number) => number;
  /** Temporaries the step allocates for all parameters at once (torch's foreach path), per element. */
  stepTempPerParam: (paramBytes: number) => number;
  /** Temporaries per tensor, alive for the largest tensor only (per-parameter loops), per element. */
  tensorTempPerElement: number;
  /** Second moments kept factored (row + column vectors per matrix), as Adafactor does. */
  factored: boolean;
  /** Low-rank projected states (GaLore/APOLLO family) with this rank. */
  projectionRank?: number;
  paged: boolean;
  /** Updates each parameter inside backward and frees its gradient at once (LOMO, *_layerwise). */
  fusedBackward: boolean;
}

const Q8 = 1 + 4 / 256;

interface Family {
  test: RegExp;
  label: string;
  states: (p: number) => number;
  foreachTemp?: (p: number) => number;
  tensorTemp?: number;
  factored?: boolean;
  rank?: number;
}

// Order matters: the first family whose pattern matches the normalised name wins.
const FAMILIES: Family[] = [
  { test: /galore.*8bit|q_galore/, label: 'GaLore AdamW, 8-bit states (rank 128)', states: () => 2 * Q8, rank: 128 },
  { test: /galore_adafactor/, label: 'GaLore Adafactor (rank 128)', states: (p) => p, factored: true, rank: 128, tensorTemp: 12 },
  { test: /galore/, label: 'GaLore AdamW (rank 128)', states: (p) => 2 * p, rank: 128 },
  { test: /apollo/, label: 'APOLLO AdamW (rank 256)', states: (p) => 2 * p, rank: 256 },
  { test: /adalomo/, label: 'AdaLomo (factored second moment, fused into backward)', states: () => 0, factored: true, tensorTemp: 8 },
  { test: /lomo/, label: 'LOMO (no state, fused into backward)', states: () => 0 },
  { test: /ademamix.*8bit/, label: 'AdEMAMix, 8-bit states (bitsandbytes)', states: () => 3 * Q8 },
  { test: /ademamix.*32bit/, label: 'AdEMAMix, fp32 states (bitsandbytes)', states: () => 12 },
  { test: /ademamix/, label: 'AdEMAMix (three states)', states: (p) => 3 * p },
  { test: /lion.*8bit/, label: 'Lion, 8-bit state (bitsandbytes)', states: () => Q8 },
  { test: /lion.*32bit/, label: 'Lion, fp32 state (bitsandbytes)', states: () => 4 },
  { test: /lion/, label: 'Lion (one state)', states: (p) => p },
  { test: /rmsprop.*8bit/, label: 'RMSprop, 8-bit state (bitsandbytes)', states: () => Q8 },
  { test: /rmsprop_bnb/, label: 'RMSprop, fp32 state (bitsandbytes)', states: () => 4 },
  { test: /rmsprop|adagrad/, label: 'RMSprop/Adagrad (one state, foreach)', states: (p) => p, foreachTemp: (p) => p },
  { test: /4bit/, label: 'AdamW, 4-bit states (torchao)', states: () => 2 * (0.5 + 4 / 128) },
  { test: /8bit|fp8/, label: 'AdamW, 8-bit states (blockwise)', states: () => 2 * Q8 },
  { test: /paged_adamw_32bit|adamw_32bit|bnb.*adam/, label: 'AdamW, fp32 states (bitsandbytes)', states: () => 8 },
  { test: /anyprecision/, label: 'AnyPrecision AdamW (bf16 states + Kahan buffer)', states: () => 6 },
  { test: /came/, label: 'CAME (first moment + factored second moments)', states: (p) => p, factored: true, tensorTemp: 12 },
  { test: /adafactor/, label: 'Adafactor (factored second moment, fp32 update per tensor)', states: () => 0, factored: true, tensorTemp: 12 },
  { test: /muon|dion/, label: 'Muon (momentum; AdamW for non-matrix parameters)', states: (p) => p, foreachTemp: (p) => p },
  { test: /schedule_free_sgd|sgd/, label: 'SGD (no momentum, the Trainer default)', states: () => 0 },
  { test: /grokadamw/, label: 'GrokAdamW (three states)', states: (p) => 3 * p, foreachTemp: (p) => p },
  { test: /fused|flash_adam/, label: 'AdamW (fused kernel)', states: (p) => 2 * p },
  { test: /adam|schedule_free/, label: 'AdamW (torch, foreach)', states: (p) => 2 * p, foreachTemp: (p) => p },
];

/** `adamw_torch`, `torch.optim.AdamW`, `bitsandbytes.optim.PagedAdamW8bit` ... → one lower-case key. */
function normalise(name: string): string {
  const last = name.split('.').pop() ?? name;
  return last.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

export function optimizerSpec(name: string, fused?: boolean): OptimizerSpec {
  const key = normalise(name) + (fused ? '_fused' : '');
  const family = FAMILIES.find((f) => f.test.test(key)) ?? FAMILIES[FAMILIES.length - 1];
  return {
    name,
    label: family.label,
    statesPerParam: family.states,
    stepTempPerParam: family.foreachTemp ?? (() => 0),
    tensorTempPerElement: family.tensorTemp ?? 0,
    factored: family.factored ?? false,
    projectionRank: family.rank,
    paged: key.includes('paged'),
    fusedBackward: /lomo|layerwise/.test(key),
  };
}

/** True when the name was not recognised and AdamW was assumed. */
export function isKnownOptimizer(name: string): boolean {
  return FAMILIES.some((f) => f.test.test(normalise(name)));
}
