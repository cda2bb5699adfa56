/** Test helpers for parameter counts: a tiny model and plans built straight from PEFT keys. */
import { buildArchitecture } from '../../core/src/models/architecture';
import { catalogConfig, lookupCatalog } from '../../core/src/models/catalog';
import type { Architecture } from '../../core/src/models/types';
import type { TrainingPlan } from '../../core/src/plan';

/** A two-layer Llama: H=64, I=128, 4 heads of 16 with 2 KV heads, V=100, untied (86,848 parameters). */
export const TINY_LLAMA = { model_type: 'llama', hidden_size: 64, intermediate_size: 128, num_hidden_layers: 2, num_attention_heads: 4, num_key_value_heads: 2, vocab_size: 100, tie_word_embeddings: false };
export const TINY_TOTAL = 86848;

export function tiny(overrides: Record<string, unknown> = {}): Architecture {
  return buildArchitecture({ ...TINY_LLAMA, ...overrides }, { id: 'tiny', source: 'local' });
}

export function catalog(id: string): Architecture {
  const hit = lookupCatalog(id);
  if (!hit) throw new Error(`${id} is not in the catalog`);
  return buildArchitecture(catalogConfig(hit.entry), { id: hit.canonicalId, source: 'catalog' });
}

export function peftPlan(peft: Record<string, unknown>): TrainingPlan {
  return { format: 'peft-adapter', method: { value: String(peft.peft_type ?? 'LORA').toLowerCase() }, peft, training: {} };
}
