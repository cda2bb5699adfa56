/**
 * The estimator's view of the GPU harness's case list (bench/gpu/cases.json): each case as the step
 * calibrate.py runs, with the model's config.json numbers from the bundled catalog and the case's
 * overrides, ready for bench/memoryCases.ts' estimateCase. The harness test holds calibrate.py's dry
 * run to this list, so both sides build the same shapes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogConfig, lookupCatalog } from '../../core/src/models/catalog';
import type { StepCase } from '../memoryCases';

export interface HarnessCase {
  id: string;
  mechanism: string;
  model: string;
  loop: 'plain' | 'trainer';
  micro_batch_size: number;
  sequence_len: number;
  gradient_checkpointing: boolean;
  adapter_config: Record<string, unknown> | null;
  attn_implementation?: 'sdpa' | 'eager';
  optimizer?: string;
  gradient_accumulation_steps?: number;
  config_overrides?: Record<string, unknown>;
}

export function harnessCases(root = '.'): HarnessCase[] {
  return (JSON.parse(readFileSync(join(root, 'bench', 'gpu', 'cases.json'), 'utf8')) as { cases: HarnessCase[] }).cases;
}

export function stepCase(c: HarnessCase): StepCase {
  const hit = lookupCatalog(c.model);
  if (!hit) throw new Error(`${c.id}: ${c.model} is not in the bundled catalog`);
  return {
    arch: c.id,
    hf_id: hit.canonicalId,
    method: c.adapter_config ? String(c.adapter_config.peft_type).toLowerCase() : 'full',
    model_config: { ...catalogConfig(hit.entry), ...c.config_overrides },
    adapter_config: c.adapter_config,
    micro_batch_size: c.micro_batch_size,
    sequence_len: c.sequence_len,
    gradient_checkpointing: c.gradient_checkpointing,
    loop: c.loop,
    optimizer: c.optimizer ?? 'adamw_torch',
    attn_implementation: c.attn_implementation ?? 'sdpa',
    gradient_accumulation_steps: c.gradient_accumulation_steps ?? 1,
  };
}
