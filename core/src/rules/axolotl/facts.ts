/**
 * Facts several axolotl rule families (and the plan extraction) derive the same way axolotl does:
 * which attention backend a config ends up with, which FSDP version it runs, which plugins it lists.
 */
import type { AxolotlConfig } from './family';

/** Legacy boolean attention flags and the backend each maps to, in axolotl's priority order. */
export const LEGACY_ATTENTION_FLAGS: [flag: string, impl: string][] = [
  ['xformers_attention', 'xformers'],
  ['sage_attention', 'sage'],
  ['flex_attention', 'flex_attention'],
  ['flash_attention', 'flash_attention_2'],
  ['sdp_attention', 'sdpa'],
  ['eager_attention', 'eager'],
];

export const CANONICAL_ATTENTION = ['eager', 'sdpa', 'flash_attention_2', 'flash_attention_3', 'flex_attention', 'xformers', 'sage', 's2', 'fp8'];

/** Short names axolotl refuses, with the canonical name it asks for. */
export const ATTENTION_ALIASES: Record<string, string> = { flash: 'flash_attention_2', flex: 'flex_attention', sdp: 'sdpa' };

/** Backends that keep packed samples apart on their own (varlen kernels). */
export const PACKING_ATTENTION = new Set([
  'flash_attention_2', 'flash_attention_3', 'flex_attention', 'xformers', 'sage',
  'kernels-community/flash-attn2', 'kernels-community/flash-attn3', 'kernels-community/sage-attention',
]);

/** Backends built on the flash-attn library (what context parallelism needs). */
export const FLASH_ATTENTION = new Set(['flash_attention_2', 'flash_attention_3', 'kernels-community/flash-attn2', 'kernels-community/flash-attn3']);

/** The backend axolotl resolves: `attn_implementation`, else the first legacy flag that is on. */
export function attentionOf(c: AxolotlConfig): string | undefined {
  const impl = c.str('attn_implementation');
  if (impl) return impl;
  if (c.on('gemma4_hybrid_attn_impl')) return 'flash_attention_2';
  return LEGACY_ATTENTION_FLAGS.find(([flag]) => c.on(flag))?.[1];
}

/** The FSDP version as axolotl compares it (`str(fsdp_version) == "2"`), also when written inside fsdp_config. */
export function fsdpVersion(c: AxolotlConfig): string | undefined {
  return fsdpVersionOf(c.ctx.config);
}

/** fsdpVersion of a plain config (for the plan extraction). */
export function fsdpVersionOf(config: Record<string, unknown>): string | undefined {
  const fc = fsdpConfigOf(config);
  const version = config.fsdp_version ?? fc.fsdp_version ?? fc.version;
  return version === undefined || version === null ? undefined : String(version);
}

export function usesFsdp(c: AxolotlConfig): boolean {
  return c.on('fsdp') || c.on('fsdp_config');
}

/** FSDP is configured and it is not FSDP2. */
export function usesFsdp1(c: AxolotlConfig): boolean {
  return usesFsdp(c) && fsdpVersion(c) !== '2';
}

/** An option inside fsdp_config, under its current name or its old `fsdp_`-prefixed one. */
export function fsdpOption(c: AxolotlConfig, name: string): unknown {
  return fsdpOptionOf(c.ctx.config, name);
}

/** fsdpOption of a plain config (for the plan extraction). */
export function fsdpOptionOf(config: Record<string, unknown>, name: string): unknown {
  const fc = fsdpConfigOf(config);
  return fc[name] ?? fc[`fsdp_${name}`];
}

function fsdpConfigOf(config: Record<string, unknown>): Record<string, unknown> {
  const fc = config.fsdp_config;
  return fc && typeof fc === 'object' && !Array.isArray(fc) ? (fc as Record<string, unknown>) : {};
}

export function plugins(c: AxolotlConfig): string[] {
  const list = c.get('plugins');
  return Array.isArray(list) ? list.filter((p): p is string => typeof p === 'string') : [];
}

export function hasPlugin(c: AxolotlConfig, className: string): boolean {
  return plugins(c).some((p) => p === className || p.endsWith(`.${className.split('.').pop()}`));
}

export const isLoraAdapter = (adapter: unknown): boolean => adapter === 'lora' || adapter === 'qlora';

/** Optimizer name as written, or axolotl's default. */
export function optimizerOf(c: AxolotlConfig): string {
  return c.str('optimizer') ?? 'adamw_torch_fused';
}

export function gcKwarg(c: AxolotlConfig, name: string): unknown {
  return c.get(['gradient_checkpointing_kwargs', name]);
}
