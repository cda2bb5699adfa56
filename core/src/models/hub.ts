/**
 * Hugging Face Hub look-up of a model's config.json, through the host's fetchText (the core does no
 * I/O). Off unless `settings.modelLookups`; never in an untrusted workspace; https endpoints only.
 */
import type { Host } from '../host';
import type { Settings } from '../settings';

export const HUB_TIMEOUT_MS = 10_000;
/** Real config.json files are a few KB; anything past this is not one. */
export const HUB_MAX_BYTES = 1024 * 1024;

export type HubOutcome = { config: Record<string, unknown>; url: string } | { skipped: string } | { failed: string };

/** Why the hub cannot be asked at all, or undefined when it can. */
export function hubUnavailable(host: Host, settings: Settings): string | undefined {
  if (!settings.modelLookups) return 'look-ups are off (enable peftLens.modelLookups, or --model-lookups on the command line)';
  if (!host.trusted) return 'not in an untrusted workspace';
  if (!host.fetchText) return 'this front end has no network access';
  if (!/^https:\/\/[^/\s]+/i.test(settings.hubEndpoint)) return `the hub endpoint must be an https URL (got "${settings.hubEndpoint}")`;
  return undefined;
}

export function hubConfigUrl(endpoint: string, id: string): string {
  return `${endpoint.replace(/\/+$/, '')}/${id}/resolve/main/config.json`;
}

export async function fetchHubConfig(host: Host, settings: Settings, id: string): Promise<HubOutcome> {
  const unavailable = hubUnavailable(host, settings);
  if (unavailable) return { skipped: unavailable };
  const url = hubConfigUrl(settings.hubEndpoint, id);
  let text: string;
  try {
    text = await host.fetchText!(url, { timeoutMs: HUB_TIMEOUT_MS, maxBytes: HUB_MAX_BYTES });
  } catch (err) {
    return { failed: `${url}: ${err instanceof Error ? err.message : String(err)}` };
  }
  try {
    const config = JSON.parse(text) as unknown;
    if (config && typeof config === 'object' && !Array.isArray(config)) return { config: config as Record<string, unknown>, url };
  } catch {
    // fall through: not JSON
  }
  return { failed: `${url} did not return a config.json (not a JSON object)` };
}
