/**
 * The completion providers, in priority order (an earlier provider's item wins over a later one with
 * the same label). A format adds its own by appending one line here, e.g. torchtune's `_component_`
 * builder names; a provider returns [] when the cursor is not its business.
 */
import { torchtuneCompletions } from '../formats/torchtune/editor';
import type { CompletionProvider } from './complete';
import { methodNames } from './completeMethods';
import { modelIds } from './completeModels';
import { targetModules } from './completeModules';
import { schemaKeys, schemaValues } from './completeSchema';

export const COMPLETION_PROVIDERS: CompletionProvider[] = [
  methodNames,
  targetModules,
  modelIds,
  schemaKeys,
  schemaValues,
  // torchtune: `_component_` paths and component arguments from the component catalog.
  (req) => (req.format === 'torchtune' ? torchtuneCompletions(req.doc, req.cursor) : []),
];
