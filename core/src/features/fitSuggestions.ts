/**
 * "Does not fit" with the ways to fit: each change a user can make in the file (gradient checkpointing,
 * a chunked or fused loss when the logits are a large part of the peak, a smaller micro-batch with more
 * accumulation, 4-bit loading, ZeRO-3 when the run has several GPUs) is written as the edit to the file's
 * own keys, and its new peak is the estimate of the edited file: the number is what the lens will say
 * once the fix is applied, never a formula of its own. Ranked by memory saved. When no single change
 * fits, the best ones are applied one after another until the file fits, and offered as one fix.
 */
import type { Context } from '../context';
import type { ConfigDoc } from '../document';
import { openDocument } from '../document';
import { replaceValueEdit, setKeysEdits as setKeys } from '../edits';
import type { MapNode } from '../parse/tree';
import { getEntry } from '../parse/tree';
import type { TrainingPlan } from '../plan';
import type { Fix, FormatId, TextEdit } from '../types';
import { lensSpan } from './codeLens';
import { estimate } from './estimate';
import type { FitVerdictKind } from './fit';
import { fitVerdict, requiredBytes } from './fit';
import { gib } from './units';

export interface FitSuggestion {
  /** What changes, in words ("turn on gradient checkpointing"). */
  change: string;
  fix: Fix;
  /** Per-GPU bytes of the edited file, what it saves, and its verdict on the same GPU. */
  peakBytes: number;
  savedBytes: number;
  verdict: FitVerdictKind;
}

export interface FitAdvice {
  gpu: string;
  peakBytes: number;
  verdict: FitVerdictKind;
  /** Best first (most memory saved); a combination, when offered, comes first when it is the only way to fit. */
  suggestions: FitSuggestion[];
  markdown: string;
}

/** Below this share of the peak the logits are not what keeps the file from fitting, and no loss change is offered. */
const LOGITS_SHARE = 0.1;
/** A combination applies at most this many changes. */
const MAX_COMBINED = 4;
const LOGITS_TERM = 'logits and loss';

interface Candidate {
  change: string;
  edits: TextEdit[];
}

// Per (context, document), like the estimate: the lens and the code actions ask for the same answer.
const memo = new WeakMap<Context, WeakMap<ConfigDoc, Promise<FitAdvice | undefined>>>();

/** Advice for a file that does not fit (or is too close to call) on the GPU of the settings; undefined otherwise. */
export function fitAdvice(doc: ConfigDoc, ctx: Context): Promise<FitAdvice | undefined> {
  let perContext = memo.get(ctx);
  if (!perContext) memo.set(ctx, (perContext = new WeakMap()));
  let advice = perContext.get(doc);
  if (!advice) perContext.set(doc, (advice = computeAdvice(doc, ctx)));
  return advice;
}

/**
 * The fixes to offer at a range: the advice's, when the range lies on the line the estimate's lens sits on
 * (where the editor asks at the cursor). Each answer estimates several edited files, so a wider range
 * (a whole-file request) does not start it.
 */
export async function fitFixesAt(doc: ConfigDoc, ctx: Context, start: number, end: number): Promise<Fix[]> {
  if (!doc.format || !doc.root || doc.skipped) return [];
  const span = lensSpan(doc, await estimate(doc, ctx));
  const lineStart = doc.text.lastIndexOf('\n', span.start - 1) + 1;
  const eol = doc.text.indexOf('\n', span.end);
  const lineEnd = eol < 0 ? doc.text.length : eol;
  if (start < lineStart || end > lineEnd) return [];
  return ((await fitAdvice(doc, ctx))?.suggestions ?? []).map((s) => s.fix);
}

async function computeAdvice(doc: ConfigDoc, ctx: Context): Promise<FitAdvice | undefined> {
  if (doc.root?.kind !== 'map') return undefined;
  const base = await measure(doc, ctx);
  if (!base || base.verdict === 'fits' || base.verdict === 'unknown') return undefined;
  const singles = await singleChanges(doc, ctx, base);
  const suggestions = [...singles];
  if (!singles.some((s) => s.verdict === 'fits')) {
    const combined = await combination(doc, ctx, base);
    if (combined) suggestions.unshift(combined);
  }
  const advice: FitAdvice = { gpu: base.gpu, peakBytes: base.peakBytes, verdict: base.verdict, suggestions, markdown: '' };
  advice.markdown = adviceMarkdown(advice);
  return advice;
}

interface Measured {
  plan: TrainingPlan;
  peakBytes: number;
  logitsBytes: number;
  peakAllocated: number;
  verdict: FitVerdictKind;
  gpu: string;
  gpus: number;
}

async function measure(doc: ConfigDoc, ctx: Context): Promise<Measured | undefined> {
  const result = await estimate(doc, ctx);
  if (!result.memory || !result.plan) return undefined;
  const m = result.memory;
  const gpus = result.plan.training.gpus?.value ?? ctx.settings.gpuCount;
  const fit = fitVerdict(m, ctx.settings, ctx.settings.gpu, gpus);
  const logitsBytes = m.breakdown.filter((t) => t.term === LOGITS_TERM).reduce((s, t) => s + t.bytes, 0);
  return { plan: result.plan, peakBytes: requiredBytes(m), logitsBytes, peakAllocated: m.peak_allocated_bytes, verdict: fit.verdict, gpu: fit.gpu, gpus };
}

/** The edited file, estimated: undefined when it is no longer a config of the same format or gives no estimate. */
async function tryEdits(doc: ConfigDoc, ctx: Context, edits: TextEdit[]): Promise<{ doc: ConfigDoc; m: Measured } | undefined> {
  const text = applyEdits(doc.text, edits);
  const edited = openDocument(doc.path, text, ctx.settings);
  if (edited.format !== doc.format) return undefined;
  const m = await measure(edited, ctx);
  return m && { doc: edited, m };
}

async function singleChanges(doc: ConfigDoc, ctx: Context, base: Measured): Promise<FitSuggestion[]> {
  const out: FitSuggestion[] = [];
  for (const c of candidates(doc, base)) {
    const tried = await tryEdits(doc, ctx, c.edits);
    if (tried && tried.m.peakBytes < base.peakBytes) out.push(suggestion(c, tried.m, base));
  }
  const batch = await smallerBatch(doc, ctx, base);
  if (batch) out.push(batch);
  return out.sort((a, b) => b.savedBytes - a.savedBytes);
}

function suggestion(c: Candidate, m: Measured, base: Measured, preferred = false): FitSuggestion {
  const verdict = m.verdict;
  const title = `${capital(c.change)}: peak ${gib(base.peakBytes)} → ${gib(m.peakBytes)} per GPU (${verdict === 'fits' ? `fits ${m.gpu}` : verdict === 'too-close-to-call' ? `too close to call on ${m.gpu}` : `still does not fit ${m.gpu}`})`;
  return { change: c.change, fix: { title, edits: c.edits, ...(preferred ? { preferred } : {}) }, peakBytes: m.peakBytes, savedBytes: base.peakBytes - m.peakBytes, verdict };
}

/** The best single change, then the best on the edited file, and so on, until it fits: one fix over the whole difference. */
async function combination(doc: ConfigDoc, ctx: Context, base: Measured): Promise<FitSuggestion | undefined> {
  let current = { doc, m: base };
  const changes: string[] = [];
  for (let i = 0; i < MAX_COMBINED && current.m.verdict !== 'fits'; i++) {
    const [best] = await singleChanges(current.doc, ctx, current.m);
    if (!best) break;
    const next = await tryEdits(current.doc, ctx, best.fix.edits);
    if (!next) break;
    changes.push(best.change);
    current = next;
  }
  if (changes.length < 2 || current.m.verdict !== 'fits') return undefined;
  return suggestion({ change: `${changes.join(', then ')}`, edits: [differenceEdit(doc.text, current.doc.text)] }, current.m, base, true);
}

/** The changes that apply to this plan, as edits to the format's keys. */
function* candidates(doc: ConfigDoc, base: Measured): Generator<Candidate> {
  const t = base.plan.training;
  const format = doc.format!;
  const root = doc.root as MapNode;
  if (t.gradientCheckpointing?.value !== true && !t.activationOffloading?.value) {
    const written = t.gradientCheckpointing?.key && getEntry(root, [t.gradientCheckpointing.key]) ? t.gradientCheckpointing.key : undefined;
    const key = written ?? GC_KEY[format];
    if (key) yield { change: 'turn on gradient checkpointing', edits: setKeys(doc, [[key, !key.startsWith('disable')]]) };
  }
  if (!t.chunkedLoss?.value && base.logitsBytes >= LOGITS_SHARE * base.peakAllocated) {
    const loss = chunkedLossEdits(doc);
    if (loss) yield { change: loss.change, edits: loss.edits };
  }
  if (!t.quantization && base.plan.peft?.peft_type === 'LORA' && FOUR_BIT[format]) {
    yield { change: 'load the base model in 4-bit (QLoRA)', edits: setKeys(doc, FOUR_BIT[format]!) };
  }
  const sharding = t.sharding?.value;
  const stage3 = ZERO3[format];
  if (base.gpus > 1 && stage3 && (!sharding || sharding.kind === 'ddp' || (sharding.kind === 'deepspeed' && (sharding.stage ?? 0) < 3))) {
    yield { change: `shard with DeepSpeed ZeRO-3 across the ${base.gpus} GPUs (\`${stage3[0]}: ${stage3[1]}\`)`, edits: setKeys(doc, [stage3]) };
  }
}

/** The key that turns on gradient checkpointing, where a file writes none (LLaMA-Factory's is on by default). */
const GC_KEY: Partial<Record<FormatId, string>> = { axolotl: 'gradient_checkpointing', trl: 'gradient_checkpointing', torchtune: 'enable_activation_checkpointing' };

/** 4-bit loading: axolotl 0.18 names it `adapter: qlora` with `load_in_4bit`; LLaMA-Factory 0.9.6 `quantization_bit: 4`; TRL's ModelConfig `load_in_4bit`. */
const FOUR_BIT: Partial<Record<FormatId, [string, unknown][]>> = {
  axolotl: [['adapter', 'qlora'], ['load_in_4bit', true]],
  llamafactory: [['quantization_bit', 4]],
  trl: [['load_in_4bit', true]],
};

/** ZeRO-3 in each tool's words: axolotl's own config (`axolotl fetch deepspeed_configs`), LLaMA-Factory's example, TRL's accelerate preset. */
const ZERO3: Partial<Record<FormatId, [string, string]>> = {
  axolotl: ['deepspeed', 'deepspeed_configs/zero3_bf16.json'],
  llamafactory: ['deepspeed', 'examples/deepspeed/ds_z3_config.json'],
  trl: ['accelerate_config', 'zero3'],
};

/** A chunked or fused loss: axolotl 0.18 `chunked_cross_entropy`, LLaMA-Factory 0.9.6 and TRL Liger, torchtune's chunked-output loss class. */
function chunkedLossEdits(doc: ConfigDoc): Candidate | undefined {
  const root = doc.root as MapNode;
  switch (doc.format) {
    case 'axolotl':
      return { change: 'use a chunked cross-entropy (`chunked_cross_entropy: true`)', edits: setKeys(doc, [['chunked_cross_entropy', true]]) };
    case 'llamafactory':
      return { change: 'use the Liger fused loss (`enable_liger_kernel: true`)', edits: setKeys(doc, [['enable_liger_kernel', true]]) };
    case 'trl':
      return { change: 'use the Liger fused loss (`use_liger_kernel: true`)', edits: setKeys(doc, [['use_liger_kernel', true]]) };
    case 'torchtune': {
      const component = getEntry(root, ['loss', '_component_']);
      if (!component?.value) return undefined;
      const name = 'torchtune.modules.loss.CEWithChunkedOutputLoss';
      return { change: `compute the loss in chunks (\`${name}\`)`, edits: [replaceValueEdit(component.value.span, name, doc)] };
    }
    default:
      return undefined;
  }
}

/**
 * The largest smaller micro-batch that divides the current one and fits, with the accumulation raised so
 * the effective batch (micro-batch × accumulation) stays; micro-batch 1 when none fits.
 */
async function smallerBatch(doc: ConfigDoc, ctx: Context, base: Measured): Promise<FitSuggestion | undefined> {
  const t = base.plan.training;
  const micro = t.microBatchSize;
  if (!micro?.key || !micro.span || micro.assumed || micro.value <= 1) return undefined;
  const gas = t.gradientAccumulationSteps;
  // axolotl's `batch_size` fixes the effective batch by itself: accumulation follows the micro-batch.
  const gasKey = gas?.key === 'batch_size' ? undefined : (gas?.key ?? 'gradient_accumulation_steps');
  const steps = gas?.value ?? 1;
  const divisors = [...Array(micro.value).keys()].map((i) => micro.value - i).filter((d) => d < micro.value && micro.value % d === 0);
  let last: { c: Candidate; m: Measured } | undefined;
  for (const d of divisors) {
    const accumulation = (steps * micro.value) / d;
    const entries: [string, unknown][] = [[micro.key, d], ...(gasKey ? [[gasKey, accumulation] as [string, unknown]] : [])];
    const c = { change: `micro-batch ${d} with ${gasKey ? `${accumulation} accumulation steps` : 'the accumulation `batch_size` implies'} (the same effective batch of ${steps * micro.value})`, edits: setKeys(doc, entries) };
    const tried = await tryEdits(doc, ctx, c.edits);
    if (!tried) return undefined;
    last = { c, m: tried.m };
    if (tried.m.verdict === 'fits') break;
  }
  return last && last.m.peakBytes < base.peakBytes ? suggestion(last.c, last.m, base) : undefined;
}

function applyEdits(text: string, edits: TextEdit[]): string {
  return [...edits].sort((a, b) => b.span.start - a.span.start).reduce((t, e) => t.slice(0, e.span.start) + e.newText + t.slice(e.span.end), text);
}

/** One edit that turns `from` into `to`: the span between their common prefix and suffix. */
function differenceEdit(from: string, to: string): TextEdit {
  let start = 0;
  while (start < from.length && start < to.length && from[start] === to[start]) start++;
  let end = 0;
  while (end < from.length - start && end < to.length - start && from[from.length - 1 - end] === to[to.length - 1 - end]) end++;
  return { span: { start, end: from.length - end }, newText: to.slice(start, to.length - end) };
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function adviceMarkdown(a: FitAdvice): string {
  if (a.suggestions.length === 0) return `_No change peft-lens knows makes this file fit ${a.gpu}._`;
  const lines = [`### How to fit ${a.gpu}`, '', `Now ${gib(a.peakBytes)} per GPU. Each change below was estimated on the edited file, most memory saved first:`, ''];
  for (const s of a.suggestions) lines.push(`- ${capital(s.change)}: **${gib(s.peakBytes)}** (saves ${gib(s.savedBytes)}; ${s.verdict === 'fits' ? 'fits' : s.verdict === 'too-close-to-call' ? 'too close to call' : 'still does not fit'})`);
  lines.push('', '_Each is a quick fix on the method line._');
  return lines.join('\n');
}
