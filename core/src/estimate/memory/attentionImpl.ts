/**
 * The attention implementation a step really runs, from what the plan asks for and the model type.
 * transformers 5.17 (modeling_utils `get_correct_attn_implementation`) requests SDPA when nothing is
 * set and falls back to eager when the model class cannot dispatch it (`_supports_sdpa` unset). The
 * families below compute attention in their own modules (transformers 5.17 modeling_bloom's baddbmm
 * with ALiBi, modeling_mpt's matmul with its position bias, modeling_gptj's `_attn`, which offers only
 * eager and FlashAttention-2): scores, an fp32 softmax and its cast back, the eager path
 * layerActivations.ts sizes. An explicit `sdpa` there is refused at load, so it is sized as the eager
 * code the model has.
 *
 * LLaMA-Factory 0.9.5/0.9.6 (model_utils/attention.py) turns `flash_attn: auto` for Gemma-2 into
 * FlashAttention-2 when flash-attn is installed and otherwise into eager, because SDPA ignores
 * attention soft-capping; its `auto` on any other model leaves transformers' default, SDPA.
 */
import type { Architecture } from '../../models/types';
import type { AttentionImpl, TrainingPlan } from '../../plan';

/** Model types whose transformers 5.17 modeling code has no SDPA path. */
const NO_SDPA = new Set(['bloom', 'mpt', 'gptj']);

/** The implementation `requested` becomes for this model, with the reason when it differs. */
export function effectiveAttention(plan: TrainingPlan, arch: Architecture, requested: AttentionImpl): { impl: AttentionImpl; why?: string } {
  if (requested === 'sdpa' && NO_SDPA.has(arch.modelType)) {
    return { impl: 'eager', why: `transformers 5.17's ${arch.modelType} has no SDPA attention: its own eager attention keeps the [batch, heads, seq, seq] probabilities` };
  }
  const auto = plan.training.attention?.assumed !== undefined;
  if (plan.format === 'llamafactory' && arch.modelType === 'gemma2' && requested === 'sdpa' && auto) {
    return { impl: 'eager', why: "LLaMA-Factory's `flash_attn: auto` runs Gemma-2 in eager attention (soft-capping), or FlashAttention-2 when flash-attn is installed: sized as eager" };
  }
  return { impl: requested };
}
