/**
 * Model-aware checks: run the parameter count against the resolved base model and report, at the
 * PEFT key responsible, exactly the combinations PEFT itself refuses (targets that match nothing,
 * no default targets for the architecture, layer types a tuner cannot adapt, ...) and the ones it
 * silently changes. Every format gets these through its TrainingPlan.
 */
import type { ConfigDoc } from '../../document';
import { countParams } from '../../estimate/params/countParams';
import type { PeftFinding } from '../../estimate/params/peftView';
import type { ModelResolution } from '../../models/types';
import type { TrainingPlan } from '../../plan';
import type { Issue, Span } from '../../types';
import { PREQUANTIZED_CODES, prequantizedIssues } from './prequantized';
import { keySpans, modelSpan, spanForKey } from './spans';
import { UNRESOLVED_CODE, unresolvedModelIssue } from './unresolved';

export const MODEL_CODES: Record<string, string> = {
  'model/target-not-found': 'target_modules match no module of the base model (PEFT stops).',
  'model/no-targets-matched': 'Every targeted module is excluded or under modules_to_save (PEFT stops).',
  'model/all-excluded': 'exclude_modules and modules_to_save leave nothing to adapt (PEFT stops).',
  'model/no-targets': 'Neither target_modules nor target_parameters name anything (PEFT stops).',
  'model/no-default-targets': 'target_modules is absent and PEFT has no default for this architecture (PEFT stops).',
  'model/unsupported-layer': 'The method cannot adapt a targeted layer type (PEFT stops).',
  'model/incompatible-layer': "A targeted layer's shape does not fit the method's settings (PEFT stops).",
  'model/invalid-rank': 'A rank is not a positive integer when PEFT creates the layer (PEFT stops).',
  'model/invalid-pattern': 'A target or pattern is not a valid regular expression (PEFT stops).',
  'model/invalid-bias': 'bias is not none, all or <method>_only (PEFT stops).',
  'model/fused-expert-target': 'Only part of a fused transformers 5 expert weight is targeted (PEFT stops).',
  'model/parameter-target-option': 'LoRA on raw parameters (MoE experts) with an option it does not support (PEFT stops).',
  'model/token-target-not-found': 'trainable tokens name an embedding the model does not have (PEFT stops).',
  'model/token-target-conflict': 'An embedding is both in modules_to_save and in trainable_token_indices (PEFT stops).',
  'model/unsupported-method': 'The method is not implemented for this architecture (PEFT stops).',
  'model/invalid-prompt-config': 'A prompt-learning method lacks the sizes it needs (PEFT stops).',
  'model/layers-out-of-range': 'Layer indices beyond the model: PEFT skips them (or stops for adaption prompts).',
  'model/exclude-unused': 'exclude_modules matches no module; PEFT warns and excludes nothing.',
  'model/target-parameters-unmatched': 'target_parameters name no parameter; PEFT warns and ignores them.',
  'model/target-modules-unmatched': 'target_modules match no module while target_parameters do; PEFT warns.',
  'model/target-unmatched': 'One target_modules entry matches no module while others do; PEFT drops it silently.',
  'model/modules-to-save-unmatched': 'modules_to_save names no module; PEFT silently trains no copy.',
  'model/freeze-layers-indivisible': 'LLaMA Pro needs the layer count to divide into freeze_trainable_layers groups (LLaMA-Factory stops).',
  'model/freeze-module-not-found': 'A LLaMA-Factory freeze module name does not exist in the model (LLaMA-Factory stops).',
  [UNRESOLVED_CODE]: 'peft-lens has no config.json for the model (not local, not in a catalog, Hub look-ups off or not found): no estimate, no model checks.',
  'model/outside-workspace': 'The model path is outside an untrusted workspace and is not read.',
  'model/hub-unavailable': "The model's config.json could not be fetched from the Hugging Face Hub.",
  'model/unsupported-architecture': 'The model_type is not one peft-lens models; model checks are skipped.',
  'model/invalid-config': "The model's config.json lacks numbers peft-lens needs; model checks are skipped.",
  ...PREQUANTIZED_CODES,
  'estimate/unsupported-method': 'The method is not counted by peft-lens yet.',
  'estimate/approximate-params': 'A LoRA option changes the layers in a way the count does not follow yet.',
  'estimate/unsupported-task': 'No transformers class is modelled for this task_type and architecture.',
};

/**
 * What PEFT says when the tool builds the adapter on the loaded model: after the tool's own config
 * check has passed, so every finding is a run-stage one (Issue.stage).
 */
export function findingToIssue(doc: ConfigDoc, plan: TrainingPlan, f: PeftFinding): Issue {
  const span = spanForKey(doc, plan, f.key);
  const at = f.entry ? entrySpan(doc, span, f.entry) : undefined;
  if (!at) return { code: f.code, severity: f.severity, message: f.message, span, stage: 'run' };
  const fixes = f.replacement ? [{ title: `Change to \`${f.replacement}\``, edits: [{ span: at, newText: f.replacement }], preferred: true }] : undefined;
  return { code: f.code, severity: f.severity, message: f.message, span: at, ...(fixes ? { fixes } : {}), stage: 'run' };
}

/** Where one list entry is written inside the key's value (a YAML or JSON list item, or a comma-separated string). */
function entrySpan(doc: ConfigDoc, value: Span, entry: string): Span | undefined {
  const text = doc.text.slice(value.start, value.end);
  const escaped = entry.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`(?<![\\w.-])${escaped}(?![\\w.-])`).exec(text);
  return m ? { start: value.start + m.index, end: value.start + m.index + entry.length } : undefined;
}

/**
 * Issues for a document whose plan names a model: resolution notices, then what PEFT would say.
 * A key the format's own rules already flag as an error is not flagged twice.
 */
export function checkAgainstModel(doc: ConfigDoc, plan: TrainingPlan, resolution: ModelResolution | undefined, existing: Issue[] = []): Issue[] {
  if (!resolution) return [];
  const issues: Issue[] = (resolution.notices ?? []).map((n) => ({ ...n, span: modelSpan(plan) }));
  const unresolved = unresolvedModelIssue(plan, resolution);
  if (!resolution.architecture) return unresolved ? [...issues, unresolved] : issues;
  const { findings } = countParams(plan, resolution.architecture);
  const flagged = existing.filter((i) => i.severity === 'error').map((i) => i.span);
  const alreadyFlagged = (f: PeftFinding) => {
    const region = keySpans(doc, plan, f.key)?.entry;
    return !!region && flagged.some((s) => s.start < region.end && region.start < s.end);
  };
  const model = findings.filter((f) => f.code.startsWith('model/') && !(f.severity === 'error' && alreadyFlagged(f)));
  return [...issues, ...model.map((f) => findingToIssue(doc, plan, f)), ...prequantizedIssues(plan, resolution.architecture)];
}
