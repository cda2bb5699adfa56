/**
 * Model completion: on the key that names the base model, the model ids the resolver knows offline
 * (its bundled catalog). Which key names the model is the format's business: a probe value is put at
 * the cursor and the format's extract says whether it became the plan's model.
 */
import { openDocument } from '../document';
import { FORMATS } from '../formats/registry';
import type { ModelResolver } from '../models/types';
import type { Completion, CompletionRequest } from './complete';
import { scalarText } from './completeText';

/** A resolver that can list the models it knows without the network (for completion). */
export interface ModelCatalogSource {
  catalogIds(): string[];
}

const PROBE = 'peft-lens-probe/model';

export function modelIds(req: CompletionRequest): Completion[] {
  const { cursor, doc, ctx } = req;
  if (cursor.mode !== 'value' || !hasCatalog(ctx.models) || !namesModel(req)) return [];
  return ctx.models.catalogIds().map((id) => ({ label: id, kind: 'model' as const, detail: 'bundled model catalog', insertText: scalarText(id, doc.syntax, false), span: cursor.span }));
}

function hasCatalog(models: ModelResolver | undefined): models is ModelResolver & ModelCatalogSource {
  return typeof (models as Partial<ModelCatalogSource> | undefined)?.catalogIds === 'function';
}

function namesModel(req: CompletionRequest): boolean {
  const { doc, cursor } = req;
  const probe = doc.syntax === 'json' ? JSON.stringify(PROBE) : PROBE;
  const text = doc.text.slice(0, cursor.span.start) + probe + doc.text.slice(cursor.span.end);
  const probed = openDocument(doc.path, text, req.ctx.settings);
  if (probed.format !== doc.format) return false;
  return FORMATS[req.format].extract(probed).model?.value === PROBE;
}
