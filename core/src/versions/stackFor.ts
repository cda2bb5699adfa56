/** The stack one document is checked against, from its text, the settings and (through the Host) its workspace. */
import type { Context } from '../context';
import type { ConfigDoc } from '../document';
import type { Stack } from './stack';
import { resolveStack } from './stack';
import { workspacePins } from './workspace';

export async function stackFor(doc: ConfigDoc, ctx: Context): Promise<Stack | undefined> {
  if (!doc.format) return undefined;
  const workspace = await workspacePins(ctx.host, doc.path);
  return resolveStack({ format: doc.format, text: doc.text, setting: ctx.settings.stacks[doc.format], workspace });
}
