/**
 * Plugin keys: axolotl only reads a plugin's options when the plugin is listed under `plugins:`,
 * so they are ignored otherwise. Which plugin owns a key comes from the schema (`x-plugin`).
 */
import schema from '../../../../schemas/axolotl.schema.json';
import type { JsonSchema } from '../../schema/types';
import { hasPlugin } from './facts';
import { removeKeyFix } from '../fixes';
import type { AxolotlConfig } from './family';
import { ruleFamily } from './family';

const LIGER = 'axolotl.integrations.liger.LigerPlugin';
const KERNELS = 'axolotl.integrations.kernels.KernelsPlugin';

/** Top-level key → the plugin class that declares it. */
const PLUGIN_KEYS: Map<string, string> = new Map(
  Object.entries((schema as JsonSchema).properties ?? {}).flatMap(([key, s]) => (typeof s['x-plugin'] === 'string' ? [[key, s['x-plugin']]] : [])),
);

export const pluginRules = ruleFamily(
  {
    'axolotl/plugin-key-without-plugin': 'A plugin option set while its plugin is not listed under `plugins:`.',
    'axolotl/plugin-options-conflict': 'Two options of one plugin that exclude each other.',
  },
  [withoutPlugin, conflicts],
);

function withoutPlugin(c: AxolotlConfig): void {
  for (const [key, plugin] of PLUGIN_KEYS) {
    if (!c.set(key) || hasPlugin(c, plugin)) continue;
    c.warn('axolotl/plugin-key-without-plugin', `\`${key}\` belongs to the \`${plugin.split('.').pop()}\` plugin, which is not listed under \`plugins:\`, so axolotl ignores it. Add \`${plugin}\` to \`plugins:\`.`, key);
  }
}

function conflicts(c: AxolotlConfig): void {
  if (hasPlugin(c, LIGER) && c.set('liger_swiglu') && c.set('liger_glu_activation')) {
    c.error('axolotl/plugin-options-conflict', '`liger_swiglu` is the old name of `liger_glu_activation`; the Liger plugin refuses both. Remove `liger_swiglu`.', 'liger_swiglu', 'key', [removeKeyFix(c.ctx, 'liger_swiglu', true)]);
  }
  if (hasPlugin(c, KERNELS) && c.on('use_scattermoe') && c.on('use_sonicmoe')) {
    c.error('axolotl/plugin-options-conflict', 'ScatterMoE and SonicMoE both replace the MoE expert kernels; the Kernels plugin refuses both. Keep one.', 'use_sonicmoe');
  }
}
