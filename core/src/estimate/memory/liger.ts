/**
 * Which models a tool's Liger kernels reach. LLaMA-Factory 0.9.5 (model_utils/liger_kernel.py) patches
 * the model types it lists and warns on the rest; transformers 5.17's Trainer (`use_liger_kernel`, what
 * TRL runs) patches the types in Liger 0.8's MODEL_TYPE_TO_APPLY_LIGER_FN. axolotl 0.18's plugin adds
 * its own patches beside that table, so it is taken at its word. On a model the tool does not patch,
 * nothing of Liger runs: the model's own norms, MLP and loss are sized.
 */
import type { Architecture } from '../../models/types';
import type { TrainingPlan } from '../../plan';

const LLAMA_FACTORY = new Set([
  'gemma', 'gemma2', 'gemma3', 'gemma3_text', 'glm', 'glm4', 'glm4v', 'granite', 'llama', 'llava', 'mistral', 'mixtral', 'mllama', 'olmo2',
  'paligemma', 'phi3', 'qwen2', 'qwen2_vl', 'qwen2_5_vl', 'qwen3', 'qwen3_moe', 'qwen3_next', 'qwen3_5', 'gpt_oss',
]);

const LIGER_TABLE = new Set([
  'deepseek_v4', 'gemma', 'gemma2', 'gemma3_text', 'gemma3', 'gemma4_text', 'gemma4', 'glm4', 'glm4v', 'glm4v_moe', 'gpt_oss', 'internvl', 'llama',
  'llama4_text', 'llama4', 'llava', 'granite', 'mllama', 'mllama_text_model', 'ministral', 'mistral', 'mixtral', 'nemotron', 'olmo2', 'pixtral',
  'olmo3', 'qwen2', 'qwen3', 'qwen3_moe', 'qwen2_vl', 'qwen2_vl_text', 'qwen2_5_vl', 'qwen2_5_vl_text', 'qwen3_next', 'qwen3_5', 'qwen3_5_text',
  'qwen3_5_moe', 'qwen3_5_moe_text', 'qwen3_vl', 'qwen3_vl_text', 'qwen3_vl_moe', 'qwen3_vl_moe_text', 'smollm3', 'phi3', 'paligemma', 'falcon_h1',
  'smolvlm', 'hunyuan_v1_dense', 'hunyuan_v1_moe', 'exaone4',
]);

/** Why the plan's Liger kernels do not reach this model (undefined when they do, or none are asked for). */
export function ligerUnpatched(plan: TrainingPlan, arch: Architecture): string | undefined {
  const t = plan.training;
  const asked = t.ligerKernels !== undefined || t.chunkedLossKind?.value === 'liger';
  if (!asked) return undefined;
  if (plan.format === 'llamafactory' && !LLAMA_FACTORY.has(arch.modelType)) return `LLaMA-Factory 0.9.5 applies no Liger kernel to \`${arch.modelType}\`: the model's own norms, MLP and loss`;
  if (plan.format === 'trl' && !LIGER_TABLE.has(arch.modelType)) return `Liger 0.8 has no patch for \`${arch.modelType}\`: the Trainer applies none, so the model's own norms, MLP and loss`;
  return undefined;
}
