/**
 * The DeepSpeed file a config names, found where its tool finds it. axolotl 0.18 (`utils/config`:
 * `os.path.exists(cfg.deepspeed)`, then `json.load`) and LLaMA-Factory 0.9.6 / TRL (transformers'
 * `TrainingArguments.deepspeed`, opened as given) resolve a relative path against the working directory,
 * the folder the user launches from: for an editor that is most often the workspace root. So the file is
 * looked for in each workspace folder first, then beside the config (where people keep both), and the
 * answer says which was used. axolotl's own names (`deepspeed_configs/zero3_bf16.json`) are files its
 * `axolotl fetch deepspeed_configs` copies into the working directory; when absent they are still read
 * by their name (sharding.ts), and the warning says how to get them.
 */
import type { ConfigDoc } from '../document';
import type { Host } from '../host';
import { dirnameOf, isAbsolutePath, isInside, resolvePath } from '../models/paths';
import type { Entry } from '../parse/tree';
import { findEntry } from '../parse/tree';
import type { Sharding, Sourced, TrainingPlan } from '../plan';
import { deepspeedSharding } from './sharding';

/** Formats whose top-level `deepspeed` key names a DeepSpeed file. */
const DEEPSPEED_KEY_FORMATS = new Set(['axolotl', 'llamafactory', 'trl']);

/** The names under axolotl 0.18's `deepspeed_configs/` (what `axolotl fetch deepspeed_configs` copies). */
export const AXOLOTL_DEEPSPEED_CONFIGS = [
  'zero1.json', 'zero1_torch_compile.json', 'zero2.json', 'zero2_torch_compile.json', 'zero3.json', 'zero3_bf16.json',
  'zero3_bf16_cpuoffload_all.json', 'zero3_bf16_cpuoffload_params.json',
];

/** Where the file was found: under a workspace folder (the working directory), beside the config, or at an absolute path. */
export type DeepspeedWhere = 'workspace' | 'beside' | 'absolute';

export type DeepspeedLookup =
  | { status: 'found'; ref: string; entry: Entry; path: string; where: DeepspeedWhere; text: string }
  /** `tried`: the absolute paths looked at; `bundled`: an axolotl name `axolotl fetch` provides. */
  | { status: 'missing'; ref: string; entry: Entry; tried: string[]; bundled: boolean }
  /** The host cannot tell (no file system, or an untrusted workspace and the file would lie outside it). */
  | { status: 'unknown'; ref: string; entry: Entry };

/** The `deepspeed: <path>` entry of the document, when the format reads one. */
export function deepspeedEntry(doc: ConfigDoc): Entry | undefined {
  if (!doc.format || !DEEPSPEED_KEY_FORMATS.has(doc.format) || doc.root?.kind !== 'map') return undefined;
  const entry = findEntry(doc.root, 'deepspeed');
  const v = entry?.value;
  return v?.kind === 'scalar' && typeof v.value === 'string' && v.value.trim() && /\.json$/i.test(v.value.trim()) ? entry : undefined;
}

/** The candidates in order: each workspace folder (the working directory), then the config's folder. */
function candidates(ref: string, doc: ConfigDoc, host: Host): { path: string; where: DeepspeedWhere }[] {
  type Candidate = { path: string; where: DeepspeedWhere };
  if (isAbsolutePath(ref)) return [{ path: ref, where: 'absolute' }];
  const out: Candidate[] = host.workspaceFolders.map((f) => ({ path: resolvePath(f, ref), where: 'workspace' }));
  if (isAbsolutePath(doc.path)) out.push({ path: resolvePath(dirnameOf(doc.path), ref), where: 'beside' });
  return out.filter((c, i) => out.findIndex((o) => o.path === c.path) === i);
}

export async function lookupDeepspeed(doc: ConfigDoc, host: Host): Promise<DeepspeedLookup | undefined> {
  const entry = deepspeedEntry(doc);
  if (!entry) return undefined;
  const ref = String((entry.value as { value: string }).value).trim();
  const tried = candidates(ref, doc, host);
  for (const c of tried) {
    const text = await host.readFile(c.path);
    if (text !== undefined) return { status: 'found', ref, entry, path: c.path, where: c.where, text };
  }
  // Only a host with a file system can say a file is absent; an untrusted one only inside the workspace.
  const readable = (p: string) => host.trusted || host.workspaceFolders.some((f) => isInside(p, f));
  if (!host.listDir || tried.length === 0 || !tried.every((c) => readable(c.path))) return { status: 'unknown', ref, entry };
  const bundled = doc.format === 'axolotl' && /^(\.\/)?deepspeed_configs\//.test(ref) && AXOLOTL_DEEPSPEED_CONFIGS.includes(ref.split('/').pop()!);
  return { status: 'missing', ref, entry, tried: tried.map((c) => c.path), bundled };
}

/** "the workspace root" / "beside the config", for messages. */
export function whereWords(where: DeepspeedWhere): string {
  return where === 'workspace' ? 'the workspace root' : where === 'beside' ? 'beside the config' : 'the absolute path written';
}

/**
 * The plan with the DeepSpeed file's own settings in place of what its name suggested, when the file
 * was found and is JSON (DeepSpeed itself reads it with `json.load`).
 */
export function withDeepspeedFile(plan: TrainingPlan, lookup: DeepspeedLookup | undefined): TrainingPlan {
  const current = plan.training.sharding;
  if (lookup?.status !== 'found' || current?.value.kind !== 'deepspeed' || current.key !== 'deepspeed') return plan;
  let parsed: unknown;
  try {
    parsed = JSON.parse(lookup.text);
  } catch {
    return plan;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return plan;
  const read = deepspeedSharding({ ...current, value: parsed });
  const sharding: Sourced<Sharding> = { ...read, assumed: `read from \`${lookup.path}\` (${whereWords(lookup.where)})` };
  const gpus = plan.training.gpus && !plan.training.gpus.assumed ? undefined : worldSize(parsed as Record<string, unknown>, plan, lookup.path);
  return { ...plan, training: { ...plan.training, sharding, ...(gpus ? { gpus } : {}) } };
}

/**
 * DeepSpeed requires `train_batch_size` = micro-batch × accumulation × world size, and transformers fills an
 * "auto" micro-batch or accumulation from the config's own: a number there gives the GPU count.
 */
function worldSize(ds: Record<string, unknown>, plan: TrainingPlan, path: string): Sourced<number> | undefined {
  const num = (k: string) => (typeof ds[k] === 'number' && Number.isInteger(ds[k]) && (ds[k] as number) > 0 ? (ds[k] as number) : undefined);
  const total = num('train_batch_size');
  const micro = num('train_micro_batch_size_per_gpu') ?? plan.training.microBatchSize?.value ?? 1;
  const steps = num('gradient_accumulation_steps') ?? plan.training.gradientAccumulationSteps?.value ?? 1;
  if (!total || total % (micro * steps) !== 0) return undefined;
  return { value: total / (micro * steps), assumed: `\`train_batch_size\` ${total} in \`${path}\` ÷ (micro-batch ${micro} × accumulation ${steps})` };
}
