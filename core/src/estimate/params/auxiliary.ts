/**
 * What PEFT trains besides the adapter layers: modules_to_save (a trainable deep copy of each named
 * module, `_set_trainable`), trainable tokens (a delta for chosen embedding rows) and biases
 * (`bias: all` or `<method>_only`).
 */
import type { Architecture, ModuleInfo } from '../../models/types';
import { copyParams } from './methodsMore';
import type { PeftFinding, PeftView } from './peftView';
import { pyRepr } from './peftView';
import type { SavedCopy } from './selection';
import { savedCopy } from './selection';
import { leaf } from './targets';
import { inputEmbeddingOf, tensorsOf } from '../../models/inventory';

/** `_set_trainable`: every module whose full name ends with one of the names (plain string suffix). */
export function modulesEndingWith(arch: Architecture, names: string[]): ModuleInfo[] {
  const hits: ModuleInfo[] = [];
  for (const m of arch.modules) {
    if (!names.some((n) => m.name.endsWith(n))) continue;
    // a module inside one already wrapped is no longer reachable under its old name
    if (hits.some((h) => m.name.startsWith(`${h.name}.`))) continue;
    hits.push(m);
  }
  return hits;
}

export interface Copies {
  modules: ModuleInfo[];
  params: number;
  saved: SavedCopy[];
}

export function modulesToSave(arch: Architecture, names: string[], userNames: string[], findings: PeftFinding[]): Copies {
  const modules = modulesEndingWith(arch, names);
  const missing = userNames.filter((n) => !arch.modules.some((m) => m.name.endsWith(n)));
  if (missing.length > 0) {
    findings.push({ code: 'model/modules-to-save-unmatched', severity: 'warning', key: 'modules_to_save', message: `modules_to_save names ${pyRepr(missing)}, which matches no module of ${arch.className}; PEFT silently trains no copy of it.` });
  }
  const saved = modules.map((m) => savedCopy(m, copyParams(m, arch.modules), arch));
  return { modules, params: saved.reduce((sum, c) => sum + c.params, 0), saved };
}

/** Rows of trainable_token_indices per embedding module name (a list means the input embeddings). */
export function tokenTargets(value: unknown, arch: Architecture): Record<string, number> | undefined {
  if (Array.isArray(value)) return { [leaf(inputEmbeddingOf(arch))]: value.length };
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, Array.isArray(v) ? v.length : 0]));
  }
  return undefined;
}

/** TrainableTokensWrapper deltas [n, width]; a tied output embedding shares the input's delta. */
export function trainableTokens(arch: Architecture, targets: Record<string, number>, key: string, findings: PeftFinding[]): number {
  let params = 0;
  for (const [name, rows] of Object.entries(targets)) {
    const hits = modulesEndingWith(arch, [name]);
    if (hits.length === 0) {
      findings.push({ code: 'model/token-target-not-found', severity: 'error', key, message: `PEFT stops with "Target modules {'${name}'} not found in the base model": no module of ${arch.className} is named ${name} (its input embedding is ${inputEmbeddingOf(arch)}).` });
      return 0;
    }
    for (const m of hits) params += rows * (m.type === 'Linear' ? (m.inFeatures ?? 0) : (m.outFeatures ?? 0));
  }
  return params;
}

/** Trainable biases: every bias outside the modules_to_save copies (`all`), or those of adapted layers (`*_only`). */
export function trainableBiases(view: PeftView, arch: Architecture, adapted: ModuleInfo[], copies: ModuleInfo[], findings: PeftFinding[]): number {
  const bias = view.str('bias', 'none');
  if (bias === 'none') return 0;
  const biasOf = (m: ModuleInfo) => tensorsOf(m).filter((t) => t.name === 'bias').reduce((s, t) => s + t.shape.reduce((a, b) => a * b, 1), 0);
  if (bias === 'all') {
    const inCopy = (m: ModuleInfo) => copies.some((c) => m.name === c.name || m.name.startsWith(`${c.name}.`));
    return arch.modules.filter((m) => !inCopy(m)).reduce((s, m) => s + biasOf(m), 0);
  }
  if (bias.endsWith('_only')) return adapted.reduce((s, m) => s + biasOf(m), 0);
  findings.push({ code: 'model/invalid-bias', severity: 'error', key: 'bias', message: `PEFT stops with "Requested bias: ${bias}, is not implemented": use none, all or <method>_only.` });
  return 0;
}
