/**
 * The largest sizes an estimate accepts from a caller (CLI flags, the editor's requests, the
 * default-size settings): far above any real run, low enough that every product of them stays a
 * finite, exact number of bytes. The manifest declares the same maxima for the settings.
 */
export const SIZE_LIMITS = {
  microBatchSize: 65_536,
  sequenceLength: 16_777_216,
  gpus: 65_536,
  gradientAccumulationSteps: 1_048_576,
  /** LoRA ranks beyond the widest real layer (about 50k features) only repeat full rank. */
  rank: 65_536,
} as const;

export type SizeKey = keyof typeof SIZE_LIMITS;

/** True for a whole number from 1 to the limit. */
export function withinLimit(key: SizeKey, value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= SIZE_LIMITS[key];
}
