/** Where a model's numbers came from, in the words the hover, the breakdown and the CLI show. */
import type { ModelSource } from './types';

const SOURCE: Record<ModelSource, string> = {
  local: 'local config.json',
  catalog: 'bundled catalog',
  'user-catalog': 'user catalog',
  hub: 'Hugging Face Hub',
};

/** The source, with the file for local and user-catalog models (`user catalog /team/models/acme.json`). */
export function sourceText(model: { source?: ModelSource; file?: string }): string {
  const name = model.source ? SOURCE[model.source] : 'unknown source';
  return model.file ? `${name} ${model.file}` : name;
}
