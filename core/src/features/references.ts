/**
 * What a config's values point at, for document links and go-to-definition: models and adapters (a Hub
 * page, or the config.json / adapter_config.json of a local folder), datasets (a Hub page or a local
 * file), local files such as a DeepSpeed config, and torchtune's `${key}` interpolations (the key they
 * copy). Which keys point where is declared in the schemas (`x-reference`), so a format gets links by
 * annotating its schema. Local paths resolve as the tools resolve them: relative to the folder the tool
 * runs in (the workspace folder) or to the config file, and only where the host may read.
 */
import type { Context } from '../context';
import type { ConfigDoc } from '../document';
import { FORMATS } from '../formats/registry';
import { isAbsolutePath, dirnameOf, looksLikeHubId, looksLikePath, resolvePath } from '../models/paths';
import type { Node, Path, ScalarNode } from '../parse/tree';
import { getEntry, keyText } from '../parse/tree';
import { schemasAt } from '../schema/lookup';
import type { JsonSchema } from '../schema/types';
import type { Span } from '../types';

export type ReferenceTarget = { url: string } | { path: string } | { span: Span };

export interface Reference {
  /** The text that points (a value, or one `${...}` inside it). */
  span: Span;
  target: ReferenceTarget;
  /** What following it opens, in a few words (the link's tooltip). */
  tooltip: string;
}

type Kind = NonNullable<JsonSchema['x-reference']>;
const FILE_IN_FOLDER: Partial<Record<Kind, string>> = { model: 'config.json', adapter: 'adapter_config.json' };
/** The walk stops after this many nodes: a huge generated file gets the references of its beginning. */
const NODE_BUDGET = 20_000;

export async function referencesOf(doc: ConfigDoc, ctx: Context): Promise<Reference[]> {
  if (!doc.format || !doc.root || doc.skipped) return [];
  const schema = FORMATS[doc.format].schema(doc);
  const found: { node: ScalarNode; kind: Kind }[] = [];
  const interpolating: ScalarNode[] = [];
  let budget = NODE_BUDGET;
  const visit = (node: Node | null, path: Path) => {
    if (!node || budget-- <= 0) return;
    if (node.kind === 'map') for (const e of node.entries) visit(e.value, [...path, keyText(e)]);
    else if (node.kind === 'seq') node.items.forEach((item, i) => visit(item, [...path, i]));
    else if (typeof node.value === 'string') {
      if (doc.format === 'torchtune' && node.raw.includes('${')) interpolating.push(node);
      const kind = schema ? schemasAt(schema, path).find((s) => s['x-reference'])?.['x-reference'] : undefined;
      if (kind && node.value.trim() !== '' && !node.value.includes('${')) found.push({ node, kind });
    }
  };
  visit(doc.root, []);
  const out: Reference[] = [];
  for (const { node, kind } of found) {
    const target = await resolveTarget(node.value as string, kind, doc.path, ctx);
    if (target) out.push({ span: node.span, ...target });
  }
  for (const node of interpolating) out.push(...interpolations(doc, node));
  return out.sort((a, b) => a.span.start - b.span.start);
}

/** The reference whose text holds `offset` (for go-to-definition). */
export async function referenceAt(doc: ConfigDoc, offset: number, ctx: Context): Promise<Reference | undefined> {
  return (await referencesOf(doc, ctx)).find((r) => r.span.start <= offset && offset <= r.span.end);
}

async function resolveTarget(value: string, kind: Kind, from: string, ctx: Context): Promise<Omit<Reference, 'span'> | undefined> {
  const local = await localFile(value.trim(), kind, from, ctx);
  if (local) return { target: { path: local }, tooltip: `Open ${local}` };
  const id = value.trim();
  if (kind === 'file' || looksLikePath(id) || !looksLikeHubId(id) || !id.includes('/')) return undefined;
  const base = ctx.settings.hubEndpoint.replace(/\/+$/, '');
  const url = kind === 'dataset' ? `${base}/datasets/${id}` : `${base}/${id}`;
  return { target: { url }, tooltip: `Open ${id} on ${base.replace(/^https?:\/\//, '')}` };
}

/** The local file a value names, tried relative to each workspace folder, then to the config's folder. */
async function localFile(ref: string, kind: Kind, from: string, ctx: Context): Promise<string | undefined> {
  if (ref.startsWith('~') || /^[a-z][\w+.-]*:\/\//i.test(ref)) return undefined;
  const bases = isAbsolutePath(ref) ? ['/'] : [...ctx.host.workspaceFolders, dirnameOf(from)];
  const inFolder = FILE_IN_FOLDER[kind];
  for (const base of new Set(bases)) {
    const abs = resolvePath(base, ref);
    for (const file of inFolder && !abs.endsWith('.json') ? [`${abs}/${inFolder}`] : [abs]) {
      if ((await ctx.host.readFile(file)) !== undefined) return file;
    }
  }
  return undefined;
}

/** Each `${a.b}` in a torchtune value leads to the key `a.b` it copies (OmegaConf's dotted path, from the root). */
function interpolations(doc: ConfigDoc, node: ScalarNode): Reference[] {
  const text = doc.text.slice(node.span.start, node.span.end);
  const out: Reference[] = [];
  for (const m of text.matchAll(/\$\{([^{}]+)\}/g)) {
    const name = m[1].trim();
    // Resolvers (`${oc.env:HOME}`) and relative references (`${.sibling}`) are not keys of this file.
    if (name.includes(':') || name.startsWith('.')) continue;
    const entry = getEntry(doc.root, name.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s)));
    if (!entry) continue;
    const start = node.span.start + (m.index ?? 0);
    out.push({ span: { start, end: start + m[0].length }, target: { span: entry.key.span }, tooltip: `Go to ${name}` });
  }
  return out;
}
