/** Everything a facade call needs besides the document: settings, the host, and the model resolver. */
import type { Host } from './host';
import { NULL_HOST } from './host';
import type { ModelResolver } from './models/types';
import type { Settings } from './settings';
import { resolveSettings } from './settings';

export interface Context {
  settings: Settings;
  host: Host;
  /** Absent: model-aware rules and estimates report the model as unresolved. */
  models?: ModelResolver;
}

export function createContext(options: { settings?: Partial<Settings>; host?: Host; models?: ModelResolver } = {}): Context {
  return { settings: resolveSettings(options.settings), host: options.host ?? NULL_HOST, models: options.models };
}
