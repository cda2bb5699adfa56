/**
 * The training plan a document amounts to, as check and estimate both read it: the format's extract,
 * the GPU count its comments state (formats/launch.ts), and the DeepSpeed file it names, read where the
 * tool reads it (formats/deepspeedFile.ts) so the ZeRO stage is the file's, not its name's.
 */
import type { Context } from '../context';
import type { ConfigDoc } from '../document';
import type { DeepspeedLookup } from '../formats/deepspeedFile';
import { lookupDeepspeed, withDeepspeedFile } from '../formats/deepspeedFile';
import { withCommentGpus } from '../formats/launch';
import { FORMATS } from '../formats/registry';
import type { TrainingPlan } from '../plan';

export interface PlannedDoc {
  plan: TrainingPlan;
  deepspeed?: DeepspeedLookup;
}

export async function planOf(doc: ConfigDoc, ctx: Context): Promise<PlannedDoc> {
  const plan = withCommentGpus(FORMATS[doc.format!].extract(doc), doc.text);
  const deepspeed = await lookupDeepspeed(doc, ctx.host);
  return { plan: withDeepspeedFile(plan, deepspeed), ...(deepspeed ? { deepspeed } : {}) };
}
