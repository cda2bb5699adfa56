/**
 * An adapter_config.json that names no base model (PEFT's method-comparison experiments leave it to
 * the run script): in PEFT 0.21 `AutoPeftModel*.from_pretrained` loads the base from `base_model_name_or_path`, and
 * without it peft-lens has nothing to count. The quick fixes offer bundled catalog models that can carry
 * this adapter: the head its `task_type` asks for exists, and every listed `target_modules` name is a
 * module of the model.
 */
import { buildArchitecture, headForTask, UnsupportedModelError } from '../../models/architecture';
import { catalogConfig, lookupCatalog } from '../../models/catalog';
import type { RuleContext } from '../rule';
import { setKeyFix } from '../fixes';
import { at, peftRule, setting } from './peftRule';

const KEY = 'base_model_name_or_path';

/** The bases fine-tuned most often, one or two per family, smallest first within a family (PEFT 0.21 examples and the upstream configs). */
export const OFFERED_BASES = [
  'meta-llama/Llama-3.2-1B',
  'meta-llama/Llama-3.1-8B',
  'Qwen/Qwen2.5-0.5B',
  'Qwen/Qwen3-4B',
  'mistralai/Mistral-7B-v0.3',
  'google/gemma-2-2b',
  'microsoft/Phi-3-mini-4k-instruct',
  'openai-community/gpt2',
  'bigscience/bloom-560m',
  'google/flan-t5-base',
  'google-bert/bert-base-uncased',
  'FacebookAI/roberta-base',
];
const MAX_FIXES = 5;

export const baseModelRule = peftRule(
  null,
  { 'peft/no-base-model': 'No `base_model_name_or_path`: AutoPeftModel cannot load the base, and peft-lens cannot count or estimate.' },
  (r, config, ctx) => {
    // A file that does not parse may name the base model after the point where parsing stopped.
    if (ctx.doc.syntaxIssues.length || (typeof config[KEY] === 'string' && config[KEY] !== '')) return;
    const fixes = candidates(ctx).map((id) => setKeyFix(ctx, KEY, id, false, `Set \`${KEY}\` to ${id} (bundled catalog)`));
    r.report(
      'peft/no-base-model',
      // A hint: hand-written experiment configs leave the base to the run script on purpose.
      'hint',
      `No \`${KEY}\`: PEFT 0.21's \`AutoPeftModel*.from_pretrained\` loads the base model named here (only \`PeftModel.from_pretrained(model, ...)\` with a model you pass works without it), and peft-lens cannot count parameters or estimate memory. Set it to the model this adapter is for.`,
      at(config, KEY),
      'key',
      fixes,
    );
  },
);

function candidates(ctx: RuleContext): string[] {
  const task = setting(ctx.config, 'task_type');
  const targets = setting(ctx.config, 'target_modules');
  const names = Array.isArray(targets) ? targets.filter((t): t is string => typeof t === 'string') : [];
  return OFFERED_BASES.filter((id) => {
    const hit = lookupCatalog(id);
    if (!hit) return false;
    const config = catalogConfig(hit.entry);
    try {
      const arch = buildArchitecture(config, { id: hit.canonicalId, source: 'catalog' }, headForTask(config, task));
      const leaves = new Set(arch.modules.map((m) => m.name.slice(m.name.lastIndexOf('.') + 1)));
      return names.every((n) => leaves.has(n));
    } catch (err) {
      // The head the task_type asks for is not one this family has (a seq2seq task on a decoder).
      if (err instanceof UnsupportedModelError) return false;
      throw err;
    }
  }).slice(0, MAX_FIXES);
}
