/**
 * Multi-GPU configs that are easy to get wrong: a sharding setting estimated on the one GPU the settings
 * assume (ZeRO-3 on one GPU shards nothing), and a DeepSpeed file the tool will not find. The GPU count
 * is set per file by the first-line `# peft-lens: gpus=N` comment (formats/launch.ts), which the fixes write.
 */
import type { ConfigDoc } from '../document';
import { replaceValueEdit } from '../edits';
import type { DeepspeedLookup } from '../formats/deepspeedFile';
import { whereWords } from '../formats/deepspeedFile';
import { isInside } from '../models/paths';
import type { Sharding, TrainingPlan } from '../plan';
import type { Settings } from '../settings';
import { findEntry } from '../parse/tree';
import type { Fix, Issue, Span } from '../types';

export const MULTI_GPU_CODES = {
  'estimate/gpus-assumed': 'A sharding setting is estimated on one GPU because no GPU count is stated for the file.',
  'estimate/deepspeed-file-missing': 'The DeepSpeed file is neither in the workspace root nor beside the config.',
  'estimate/deepspeed-file-beside': 'The DeepSpeed file was found beside the config, not where the tool looks (the folder it is launched from).',
};

/** GPU counts the fixes offer. */
const OFFERED_COUNTS = [2, 4, 8];

/** "DeepSpeed ZeRO-3", "FSDP full shard": the sharding in the words of its tool. */
export function shardingWords(s: Sharding): string {
  if (s.kind === 'deepspeed') return s.stage === undefined ? 'DeepSpeed' : `DeepSpeed ZeRO-${s.stage}`;
  if (s.kind === 'fsdp') return `FSDP ${s.stage === 2 ? 'shard-grad-op' : s.stage === 0 ? 'no-shard' : 'full shard'}`;
  return 'DDP';
}

/** The sharding a plan asks for when its GPU count is only the settings' single GPU: it shards nothing there. */
export function shardingOnAssumedGpu(plan: TrainingPlan, settings: Settings): Sharding | undefined {
  const s = plan.training.sharding?.value;
  if (!s || s.kind === 'ddp' || !s.stage || plan.training.gpus || settings.gpuCount !== 1) return undefined;
  return s;
}

/** "# peft-lens: gpus=N" on the first line: added to a first-line peft-lens comment, replacing a count there. */
export function gpusCommentFix(doc: ConfigDoc, n: number): Fix | undefined {
  if (doc.syntax === 'json') return undefined;
  const eol = doc.text.indexOf('\n');
  const first = doc.text.slice(0, eol < 0 ? doc.text.length : eol);
  const title = `Estimate on ${n} GPUs (\`# peft-lens: gpus=${n}\` on the first line)`;
  const comment = /^\s*#\s*peft-lens:/.exec(first);
  if (!comment) return { title, edits: [{ span: { start: 0, end: 0 }, newText: `# peft-lens: gpus=${n}\n` }] };
  const stated = /gpus\s*=\s*\S*/.exec(first);
  if (stated) return { title, edits: [{ span: { start: stated.index, end: stated.index + stated[0].length }, newText: `gpus=${n}` }] };
  const end = first.replace(/\s+$/, '').length;
  return { title, edits: [{ span: { start: end, end }, newText: ` gpus=${n}` }] };
}

export function multiGpuIssues(doc: ConfigDoc, plan: TrainingPlan, deepspeed: DeepspeedLookup | undefined, settings: Settings, workspaceFolders: string[]): Issue[] {
  const issues: Issue[] = [];
  const sharding = shardingOnAssumedGpu(plan, settings);
  const at = shardingKeySpan(doc, plan);
  if (sharding && at) {
    const words = shardingWords(sharding);
    const fixes = OFFERED_COUNTS.map((n) => gpusCommentFix(doc, n)).filter((f): f is Fix => f !== undefined);
    issues.push({
      code: 'estimate/gpus-assumed',
      severity: 'info',
      message: `${words} shards across the GPUs the run is launched on, but this file states no GPU count, so the estimate assumes 1 GPU (setting peftLens.gpuCount) and shards nothing. State the count for this file with \`# peft-lens: gpus=N\` as the first line, or keep the launch command in a comment (\`# accelerate launch --num_processes N ...\`, \`# torchrun --nproc_per_node N ...\`).`,
      span: at,
      ...(fixes.length ? { fixes } : {}),
    });
  }
  if (deepspeed?.status === 'missing') issues.push(missingIssue(doc, deepspeed));
  if (deepspeed?.status === 'found' && deepspeed.where === 'beside') issues.push(besideIssue(doc, deepspeed, workspaceFolders));
  return issues;
}

/** The sharding setting's key where it is a top-level key (a mapping value starts on the next line), else its value. */
function shardingKeySpan(doc: ConfigDoc, plan: TrainingPlan): Span | undefined {
  const s = plan.training.sharding;
  const entry = s?.key && doc.root?.kind === 'map' ? findEntry(doc.root, s.key) : undefined;
  return entry && s?.span && entry.value?.span.start === s.span.start ? entry.key.span : s?.span;
}

const TOOL_WORDS: Record<string, string> = {
  axolotl: 'axolotl 0.18 opens it relative to the folder you launch from',
  llamafactory: "LLaMA-Factory 0.9.6 hands it to transformers' TrainingArguments, which opens it relative to the folder you launch from",
  trl: "TRL hands it to transformers' TrainingArguments, which opens it relative to the folder you launch from",
};

function missingIssue(doc: ConfigDoc, d: Extract<DeepspeedLookup, { status: 'missing' }>): Issue {
  const looked = d.tried.map((p) => `\`${p}\``).join(' or ');
  const fetch = d.bundled ? ' It is one of axolotl\'s own DeepSpeed configs: `axolotl fetch deepspeed_configs` copies them into the folder you run it in.' : '';
  return {
    code: 'estimate/deepspeed-file-missing',
    severity: 'warning',
    message: `DeepSpeed file \`${d.ref}\` not found (looked for ${looked}): ${TOOL_WORDS[doc.format ?? ''] ?? 'the tool opens it relative to the folder you launch from'}, and stops when it is not there. The estimate reads the ZeRO stage from its name.${fetch}`,
    span: d.entry.value!.span,
  };
}

function besideIssue(doc: ConfigDoc, d: Extract<DeepspeedLookup, { status: 'found' }>, folders: string[]): Issue {
  const folder = folders.find((f) => isInside(d.path, f));
  const relative = folder ? d.path.slice(folder.replace(/[\\/]+$/, '').length + 1).replace(/\\/g, '/') : undefined;
  const fixes: Fix[] = relative ? [{ title: `Write the path from the workspace root: \`${relative}\``, edits: [replaceValueEdit(d.entry.value!.span, relative, doc)], preferred: true }] : [];
  return {
    code: 'estimate/deepspeed-file-beside',
    severity: 'info',
    message: `DeepSpeed file \`${d.ref}\` was read from ${whereWords('beside')} (\`${d.path}\`), not from the workspace root: ${TOOL_WORDS[doc.format ?? ''] ?? 'the tool opens it relative to the folder you launch from'}, so launch from the config's folder${relative ? ', or write the path from the workspace root' : ''}.`,
    span: d.entry.value!.span,
    ...(fixes.length ? { fixes } : {}),
  };
}
