/**
 * A small Llama-shaped model whose numbers keep hand derivations short, and a plan builder.
 *   hidden 1024, 2 layers, 8 query heads and 2 KV heads of 128, MLP 4096 (gated), vocab 32000, untied.
 * Per layer: q 1024×1024 = 1,048,576; k, v 1024×256 = 262,144 each; o 1,048,576;
 *   gate, up, down 1024×4096 = 4,194,304 each → 15,204,352 Linear weights, plus two norms of 1024.
 * Whole model: embeddings 32,768,000 + output layer 32,768,000 + 2 × (15,204,352 + 2,048) + final
 *   norm 1,024 = 95,949,824 parameters.
 * LoRA r=16 on q_proj, v_proj: per layer 16 × (1024 + 1024) + 16 × (1024 + 256) = 53,248 → 106,496.
 * Siblings (`tinySibling`) keep these widths under another model_type (Qwen3, GPT-2, Mixtral, Gemma-2, ...).
 */
import type { PhaseName } from '../../../core/src/estimate/memory/phases';
import { prepareStep, stepPhases } from '../../../core/src/estimate/memory/step';
import { countedModel, countParams } from '../../../core/src/estimate/params/countParams';
import type { CountedModel } from '../../../core/src/estimate/params/selection';
import { buildArchitecture } from '../../../core/src/models/architecture';
import type { Architecture } from '../../../core/src/models/types';
import type { Sourced, TrainingPlan, TrainingSettings } from '../../../core/src/plan';
import { DEFAULT_SETTINGS } from '../../../core/src/settings';
import type { FormatId } from '../../../core/src/types';

export const TINY_PARAMS = 95_949_824;
export const TINY_LORA_PARAMS = 106_496;
export const TINY_LAYER_LINEAR = 15_204_352;

/** The tiny model's numbers; siblings override a few (model_type and the traits a test needs). */
const TINY_CONFIG = {
  model_type: 'llama',
  architectures: ['LlamaForCausalLM'],
  hidden_size: 1024,
  intermediate_size: 4096,
  num_hidden_layers: 2,
  num_attention_heads: 8,
  num_key_value_heads: 2,
  head_dim: 128,
  vocab_size: 32000,
  max_position_embeddings: 131072,
  tie_word_embeddings: false,
};

/**
 * A sibling of the tiny model: the same widths under another family, with the config keys that give
 * it the trait a test needs (q/k norms, experts, soft-capping, dropout, an activation).
 */
export function tinySibling(config: Record<string, unknown>): Architecture {
  return buildArchitecture({ ...TINY_CONFIG, ...config }, { id: `tiny-${String(config.model_type)}`, source: 'local' });
}

export function tinyArch(): Architecture {
  return buildArchitecture(
    {
      model_type: 'llama',
      architectures: ['LlamaForCausalLM'],
      hidden_size: 1024,
      intermediate_size: 4096,
      num_hidden_layers: 2,
      num_attention_heads: 8,
      num_key_value_heads: 2,
      vocab_size: 32000,
      // Long enough that the sequence-length solver is bounded by memory, not by the position table.
      max_position_embeddings: 131072,
      tie_word_embeddings: false,
    },
    { id: 'tiny-llama', source: 'local' },
  );
}

export const set = <T>(value: T): Sourced<T> => ({ value, key: 'test' });

export const LORA_QV = { peft_type: 'LORA', r: 16, lora_alpha: 32, target_modules: ['q_proj', 'v_proj'] };

/** A plan with every setting stated (no assumptions), batch 1 × 512 tokens, bf16, torch AdamW, sdpa, one GPU. */
export function tinyPlan(options: { format?: FormatId; peft?: Record<string, unknown>; training?: Partial<TrainingSettings> } = {}): TrainingPlan {
  return {
    format: options.format ?? 'peft-adapter',
    model: set('tiny-llama'),
    method: set(options.peft ? 'lora' : 'full'),
    peft: options.peft,
    training: {
      microBatchSize: set(1),
      sequenceLength: set(512),
      gradientCheckpointing: set(true),
      precision: set('bf16'),
      weightDtype: set('bf16'),
      optimizer: set('adamw_torch'),
      attention: set('sdpa'),
      gpus: set(1),
      ...options.training,
    },
  };
}

/**
 * The memory estimate's input for a plan on the tiny model, as `estimate` builds it: parameters and
 * adapted modules from the PEFT counter. The counts are the ones derived above (checked in selection.test.ts).
 */
export function countedTiny(plan: TrainingPlan, arch: Architecture = tinyArch()): CountedModel {
  const result = countParams(plan, arch);
  const counted = countedModel(result);
  if (!counted) throw new Error(`tiny model not counted: ${result.findings.map((f) => f.message).join('; ')}`);
  return counted;
}

/** The cuBLAS workspaces every phase of a step holds (a measured constant, core/src/estimate/memory/device.ts). */
export const WORKSPACES = { 'cuBLAS workspaces': 92_600_000 };

export function termsOf(terms: { term: string; bytes: number }[]): Record<string, number> {
  return Object.fromEntries(terms.map((t) => [t.term, t.bytes]));
}

/** Every phase of one step of `plan` on `arch` (the tiny model unless named), at the plan's 1 × 512 tokens, term by term. */
export function phasesOf(plan: TrainingPlan, arch: Architecture = tinyArch()): Record<PhaseName, Record<string, number>> {
  const { all } = stepPhases(prepareStep(plan, countedTiny(plan, arch), DEFAULT_SETTINGS), 1, 512);
  return Object.fromEntries(all.map((p) => [p.name, termsOf(p.terms)])) as Record<PhaseName, Record<string, number>>;
}
