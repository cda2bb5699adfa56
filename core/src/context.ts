/** Everything a facade call needs besides the document: settings, the host, and the model resolver. */
import type { Host } from './host';
import { NULL_HOST } from './host';
import { createModelResolver } from './models/resolver';
import type { ModelResolver } from './models/types';
import type { Settings } from './settings';
import { resolveSettings } from './settings';

export interface Context {
  settings: Settings;
  host: Host;
  /** Absent: model-aware rules and estimates report the model as unresolved. */
  models?: ModelResolver;
}

/** Models resolve through the host (local folders, the Hub when enabled) and the bundled catalog by default. */
export function createContext(options: { settings?: Partial<Settings>; host?: Host; models?: ModelResolver } = {}): Context {
  const settings = resolveSettings(options.settings);
  const host = options.host ?? NULL_HOST;
  return { settings, host, models: options.models ?? createModelResolver(host, settings) };
}
