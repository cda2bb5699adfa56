/** Hover on the model key: the architecture the reference resolves to, or why it does not resolve. */
import type { Context } from '../context';
import type { ConfigDoc } from '../document';
import type { Architecture } from '../models/types';
import type { Path } from '../parse/tree';
import type { TrainingPlan } from '../plan';
import { sourceText } from '../models/source';
import { exactCount, shortCount } from './units';

export async function modelSection(doc: ConfigDoc, plan: TrainingPlan, keyPath: Path, ctx: Context): Promise<string> {
  const model = plan.model;
  if (!model || model.key !== keyPath.join('.')) return '';
  if (!ctx.models) return `**Model** \`${model.value}\`: not resolved (no model catalog or look-ups in this session).`;
  const resolution = await ctx.models.resolve(model.value, doc.path);
  if (!resolution.architecture) {
    // The diagnostic on this value (model/unresolved, or the resolution's notice) holds what was tried and the fixes.
    const why = resolution.notices?.[0] ? '' : ' peft-lens has no config.json for it, so there is no estimate and no model check.';
    return `**Model** \`${model.value}\`: not resolved.${why}`;
  }
  return architectureMarkdown(resolution.architecture);
}

export function architectureMarkdown(a: Architecture): string {
  const rows: [string, string][] = [
    ['class', `\`${a.className}\` (\`${a.modelType}\`)`],
    ['layers', String(a.numLayers)],
    ['hidden size', exactCount(a.hiddenSize)],
    ['attention heads', `${a.numHeads} (KV heads ${a.numKvHeads}, head dim ${a.headDim})`],
    ['MLP size', exactCount(a.intermediateSize)],
    ['vocabulary', `${exactCount(a.vocabSize)}${a.tieWordEmbeddings ? ' (tied embeddings)' : ''}`],
  ];
  if (a.maxPositions) rows.push(['context', exactCount(a.maxPositions)]);
  if (a.experts) rows.push(['experts', `${a.experts.count}, ${a.experts.perToken} per token`]);
  rows.push(['parameters', `${shortCount(a.totalParams)} (${exactCount(a.totalParams)})`], ['source', sourceText(a)]);
  return [`**Architecture of \`${a.id}\`**`, '', '| | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join('\n');
}
