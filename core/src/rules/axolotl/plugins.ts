/**
 * Plugin keys: axolotl only reads a plugin's options when the plugin is listed under `plugins:`,
 * so they are ignored otherwise. Which plugin owns a key comes from the schema (`x-plugin`).
 */
import schema from '../../../../schemas/axolotl.schema.json';
import type { JsonSchema } from '../../schema/types';
import { hasPlugin } from './facts';
import { removeKeyFix, replaceValueFix } from '../fixes';
import { spanOf } from '../rule';
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
    'axolotl/plugin-overrides-option': 'An option a listed plugin overwrites, so what is written has no effect.',
    'axolotl/nvfp4-merge-aware': '`nvfp4_merge_aware` without what it needs (SonicMoE experts, `adapter: lora`, no fused LoRA kernels), or its start step without it.',
  },
  [withoutPlugin, conflicts, overridden, nvfp4MergeAware],
);

/** The Kernels plugin's own check (axolotl 0.18) sets `use_kernels` to true, whatever the file says. */
function overridden(c: AxolotlConfig): void {
  if (!hasPlugin(c, KERNELS) || !c.set('use_kernels') || c.get('use_kernels') === true) return;
  c.warn('axolotl/plugin-overrides-option', `With the Kernels plugin listed, axolotl 0.18 sets \`use_kernels: true\` whatever is written here, so \`${String(c.get('use_kernels'))}\` has no effect. Write \`true\`, or remove the plugin to run without Hub kernels.`, 'use_kernels', 'value', [replaceValueFix(c.ctx, 'use_kernels', true, 'Change to `true`', true)]);
}

const EXPERT_BACKENDS = ['scattermoe', 'sonicmoe', 'eager', 'builtin'];
const FUSED_LORA_KERNELS = ['lora_mlp_kernel', 'lora_qkv_kernel', 'lora_o_kernel'];

/** The expert backend `expert_backend` names, lower-cased as the Kernels plugin reads it; undefined when unset. */
function expertBackend(c: AxolotlConfig): string | undefined {
  return c.set('expert_backend') ? String(c.get('expert_backend')).toLowerCase() : undefined;
}

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
  const backend = hasPlugin(c, KERNELS) ? expertBackend(c) : undefined;
  if (backend !== undefined && !EXPERT_BACKENDS.includes(backend)) {
    c.error('axolotl/plugin-options-conflict', `\`expert_backend\` must be one of ${EXPERT_BACKENDS.map((b) => `\`${b}\``).join(', ')}; the Kernels plugin (axolotl 0.18) refuses \`${String(c.get('expert_backend'))}\`.`, 'expert_backend', 'value');
  } else if (backend !== undefined) {
    for (const [flag, name] of [['use_scattermoe', 'scattermoe'], ['use_sonicmoe', 'sonicmoe']]) {
      if (c.get(flag) === true && backend !== name) c.error('axolotl/plugin-options-conflict', `\`expert_backend: ${backend}\` contradicts \`${flag}: true\`; the Kernels plugin (axolotl 0.18) refuses both. Set only \`expert_backend\`.`, flag);
    }
  }
  if (hasPlugin(c, KERNELS) && c.on('use_scattermoe') && c.on('use_sonicmoe')) {
    c.error('axolotl/plugin-options-conflict', 'ScatterMoE and SonicMoE both replace the MoE expert kernels; the Kernels plugin refuses both. Keep one.', 'use_sonicmoe');
  }
}

/**
 * The Kernels plugin's check on merge-aware NVFP4 LoRA (axolotl 0.18, KernelsArgs): it snaps the LoRA
 * delta on SonicMoE NVFP4 experts, so it needs those experts and a plain LoRA adapter, and the fused
 * LoRA kernels would bypass it; its start step is a whole step or a fraction in (0, 1).
 */
function nvfp4MergeAware(c: AxolotlConfig): void {
  if (!hasPlugin(c, KERNELS)) return;
  const start = c.get('nvfp4_merge_aware_start_step');
  if (!c.on('nvfp4_merge_aware')) {
    if (c.set('nvfp4_merge_aware_start_step')) c.error('axolotl/nvfp4-merge-aware', '`nvfp4_merge_aware_start_step` only applies with `nvfp4_merge_aware: true`; the Kernels plugin (axolotl 0.18) refuses it otherwise.', 'nvfp4_merge_aware_start_step');
    return;
  }
  if (!c.on('use_sonicmoe') && expertBackend(c) !== 'sonicmoe') {
    c.error('axolotl/nvfp4-merge-aware', 'Merge-aware NVFP4 LoRA works on SonicMoE experts only; the Kernels plugin (axolotl 0.18) refuses it without them. Set `use_sonicmoe: true` (or `expert_backend: sonicmoe`).', 'nvfp4_merge_aware');
  } else if (c.get('adapter') !== 'lora') {
    c.error('axolotl/nvfp4-merge-aware', 'Merge-aware NVFP4 LoRA snaps a LoRA delta onto the frozen NVFP4 base, so the Kernels plugin (axolotl 0.18) requires `adapter: lora`.', c.set('adapter') ? 'adapter' : 'nvfp4_merge_aware', c.set('adapter') ? 'value' : 'key');
  } else {
    const fused = FUSED_LORA_KERNELS.filter((k) => c.get(k) === true);
    if (fused.length) {
      c.error('axolotl/nvfp4-merge-aware', `The fused LoRA kernels (${fused.map((k) => `\`${k}\``).join(', ')}) bypass the LoRA forward that merge-aware NVFP4 LoRA relies on; the Kernels plugin (axolotl 0.18) refuses them together. Remove the kernel flags.`, fused[0]);
    } else if (start !== undefined && start !== null && !validStartStep(start, writtenText(c, 'nvfp4_merge_aware_start_step'))) {
      c.error('axolotl/nvfp4-merge-aware', `\`nvfp4_merge_aware_start_step\` must be a whole step (0 or more) or a fraction strictly between 0 and 1; the Kernels plugin (axolotl 0.18) refuses ${JSON.stringify(start)}.`, 'nvfp4_merge_aware_start_step', 'value');
    }
  }
}

/**
 * Python's view: a bool is refused, an int must be >= 0, a float must lie in (0, 1). Whether PyYAML
 * made a float is in the text (`1.0` is one), not in the JavaScript number.
 */
function validStartStep(v: unknown, written: string): boolean {
  if (typeof v !== 'number') return typeof v !== 'boolean';
  return Number.isInteger(v) && !written.includes('.') ? v >= 0 : v > 0 && v < 1;
}

function writtenText(c: AxolotlConfig, key: string): string {
  const span = spanOf(c.ctx.root, [key], 'value');
  return c.ctx.doc.text.slice(span.start, span.end);
}
