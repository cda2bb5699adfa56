/** DeepSpeed, FSDP and multi-GPU rules. */
import { getEntry } from '../../parse/tree';
import { fsdpOption, fsdpVersion, usesFsdp1 } from './facts';
import { removeKeyFix } from '../fixes';
import type { AxolotlConfig } from './family';
import { ruleFamily } from './family';

/** FSDP options axolotl knows under their current name (the schema documents them). */
const FSDP_OPTIONS = new Set([
  'activation_checkpointing', 'offload_params', 'sync_module_states', 'cpu_ram_efficient_loading', 'cpu_offload_pin_memory', 'use_orig_params',
  'state_dict_type', 'final_state_dict_type', 'auto_wrap_policy', 'transformer_layer_cls_to_wrap', 'min_num_params', 'reshard_after_forward', 'mixed_precision_policy',
]);

export const distributedRules = ruleFamily(
  {
    'axolotl/deepspeed-and-fsdp': 'DeepSpeed and FSDP configured together.',
    'axolotl/fsdp1-deprecated': 'FSDP without `fsdp_version: 2` (FSDP1 is deprecated).',
    'axolotl/fsdp-prefixed-key': 'An `fsdp_`-prefixed key inside `fsdp_config`.',
    'axolotl/fsdp-pin-memory': '`cpu_offload_pin_memory: false` outside FSDP2 parameter offloading.',
    'axolotl/fsdp-size-wrap-needs-min-params': '`SIZE_BASED_WRAP` without `min_num_params`.',
    'axolotl/falcon-fsdp': 'FSDP (list form) with a Falcon model.',
    'axolotl/deepcompile-needs-deepspeed': '`deepcompile` without `deepspeed`.',
    'axolotl/max-memory-and-limit': '`max_memory` and `gpu_memory_limit` both set.',
  },
  [deepspeedAndFsdp, fsdp1, prefixedKeys, pinMemory, sizeWrap, falcon, deepcompile, memoryCaps],
);

function deepspeedAndFsdp(c: AxolotlConfig): void {
  if (!c.on('deepspeed')) return;
  if (c.on('fsdp')) {
    c.error('axolotl/deepspeed-and-fsdp', 'DeepSpeed and FSDP both shard the model; axolotl refuses `deepspeed` together with `fsdp`. Keep one.', 'fsdp', 'key', [removeKeyFix(c.ctx, 'fsdp')]);
  } else if (c.on('fsdp_config')) {
    c.warn('axolotl/deepspeed-and-fsdp', 'Both `deepspeed` and `fsdp_config` are set, but only one engine can shard the model. Remove the one you do not use.', 'fsdp_config');
  }
}

function fsdp1(c: AxolotlConfig): void {
  if (usesFsdp1(c) && c.on('fsdp_config')) {
    c.info('axolotl/fsdp1-deprecated', 'Without `fsdp_version: 2` axolotl runs FSDP1, which it deprecates; FSDP2 is faster and better supported. Set `fsdp_version: 2` (and check the FSDP2 key names).', fsdpVersion(c) ? 'fsdp_version' : 'fsdp_config');
  }
}

function prefixedKeys(c: AxolotlConfig): void {
  const config = c.get('fsdp_config');
  if (!config || typeof config !== 'object' || Array.isArray(config)) return;
  for (const key of Object.keys(config)) {
    if (!key.startsWith('fsdp_') || key === 'fsdp_version') continue;
    const name = key.slice('fsdp_'.length);
    const span = ['fsdp_config', key];
    if (FSDP_OPTIONS.has(name)) {
      const entry = getEntry(c.ctx.root, span)!;
      const rename = { title: `Rename to \`${name}\``, edits: [{ span: entry.key.span, newText: name }], preferred: true };
      c.warn('axolotl/fsdp-prefixed-key', `The \`fsdp_\` prefix inside \`fsdp_config\` is deprecated; axolotl strips it with a warning. Write \`${name}\`.`, span, 'key', [rename]);
    } else {
      c.warn('axolotl/fsdp-prefixed-key', `axolotl strips the prefix of \`${key}\`, but \`${name}\` is not an FSDP option it knows, so the setting is dropped.${name === 'sharding_strategy' ? ' With FSDP2 use `reshard_after_forward` (true ≈ full shard, false ≈ shard grad/optimizer only).' : ''}`, span, 'key', [removeKeyFix(c.ctx, span)]);
    }
  }
}

function pinMemory(c: AxolotlConfig): void {
  if (fsdpOption(c, 'cpu_offload_pin_memory') !== false || !c.on('fsdp_config')) return;
  const key = c.set(['fsdp_config', 'cpu_offload_pin_memory']) ? 'cpu_offload_pin_memory' : 'fsdp_cpu_offload_pin_memory';
  if (fsdpVersion(c) !== '2') c.error('axolotl/fsdp-pin-memory', 'FSDP1 cannot disable pinned memory for offloading; axolotl refuses `cpu_offload_pin_memory: false` unless `fsdp_version: 2`.', ['fsdp_config', key], 'value');
  else if (!fsdpOption(c, 'offload_params')) c.error('axolotl/fsdp-pin-memory', '`cpu_offload_pin_memory: false` only matters when parameters are offloaded; axolotl requires `offload_params: true` with it.', ['fsdp_config', key], 'value');
}

function sizeWrap(c: AxolotlConfig): void {
  if (fsdpOption(c, 'auto_wrap_policy') === 'SIZE_BASED_WRAP' && fsdpOption(c, 'min_num_params') == null) {
    const key = c.set(['fsdp_config', 'auto_wrap_policy']) ? 'auto_wrap_policy' : 'fsdp_auto_wrap_policy';
    c.error('axolotl/fsdp-size-wrap-needs-min-params', '`SIZE_BASED_WRAP` wraps modules above a size, so axolotl requires `fsdp_config.min_num_params` (at least 1).', ['fsdp_config', key], 'value');
  }
}

function falcon(c: AxolotlConfig): void {
  if ((c.str('base_model') ?? '').toLowerCase().includes('falcon') && c.on('fsdp')) {
    c.error('axolotl/falcon-fsdp', 'axolotl does not support FSDP for Falcon models and refuses to start. Use DeepSpeed.', 'fsdp');
  }
}

function deepcompile(c: AxolotlConfig): void {
  if (c.on('deepcompile') && !c.on('deepspeed')) {
    c.error('axolotl/deepcompile-needs-deepspeed', 'DeepCompile is a DeepSpeed feature; axolotl refuses `deepcompile` without `deepspeed`.', 'deepcompile', 'key', [removeKeyFix(c.ctx, 'deepcompile')]);
  }
}

function memoryCaps(c: AxolotlConfig): void {
  if (c.set('max_memory') && c.set('gpu_memory_limit')) {
    c.error('axolotl/max-memory-and-limit', 'Both cap GPU memory; axolotl refuses `max_memory` together with `gpu_memory_limit`. Keep one.', 'gpu_memory_limit', 'key', [removeKeyFix(c.ctx, 'gpu_memory_limit')]);
  }
}
