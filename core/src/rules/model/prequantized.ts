/**
 * What LLaMA-Factory (0.9.6.dev0, model_utils/quantization.py `configure_quantization`) says about a
 * prequantized ("PTQ") checkpoint, whose config.json carries `quantization_config`: it refuses one under
 * DeepSpeed ZeRO-3 or FSDP (except MXFP4 and FP8 checkpoints, which peft-lens does not size), and a
 * `quantization_bit` has no effect on it (a warning, the checkpoint's own format is used).
 */
import type { Architecture } from '../../models/types';
import type { TrainingPlan } from '../../plan';
import type { Issue } from '../../types';
import { modelSpan } from './spans';

export const PREQUANTIZED_CODES: Record<string, string> = {
  'model/prequantized-sharded': 'DeepSpeed ZeRO-3 or FSDP with a prequantized (GPTQ/AWQ/AQLM/bitsandbytes) checkpoint (LLaMA-Factory stops).',
  'model/prequantized-quantization-bit': 'quantization_bit on a prequantized checkpoint has no effect (LLaMA-Factory warns).',
};

export function prequantizedIssues(plan: TrainingPlan, arch: Architecture): Issue[] {
  const stored = arch.prequantized;
  if (!stored || plan.format !== 'llamafactory') return [];
  const issues: Issue[] = [];
  const sharding = plan.training.sharding;
  if (sharding && (sharding.value.kind === 'fsdp' || (sharding.value.kind === 'deepspeed' && sharding.value.stage === 3))) {
    const what = sharding.value.kind === 'fsdp' ? 'FSDP' : 'DeepSpeed ZeRO-3';
    issues.push({ code: 'model/prequantized-sharded', severity: 'error', message: `${arch.id} is a prequantized ${stored.method} checkpoint: LLaMA-Factory refuses it under ${what} ("incompatible with PTQ-quantized models"). Train it without ZeRO-3/FSDP, or start from the unquantized base.`, span: sharding.span ?? modelSpan(plan) });
  }
  const bits = plan.training.quantization;
  if (bits?.key === 'quantization_bit' && bits.span) {
    issues.push({ code: 'model/prequantized-quantization-bit', severity: 'warning', message: `${arch.id} is already quantized (${stored.method}): LLaMA-Factory ignores \`quantization_bit\` for it. Remove the key.`, span: bits.span });
  }
  return issues;
}
