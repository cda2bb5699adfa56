/**
 * User settings the core understands. The VS Code manifest (`contributes.configuration`) and the CLI
 * flags map onto this one shape; a test keeps the manifest's defaults equal to DEFAULT_SETTINGS.
 */
import type { FormatId, Severity } from './types';

export interface Settings {
  /** Globs restricting which files are analysed; empty means every recognised config. */
  files: string[];
  /** Glob → format, for configs that detection cannot recognise by name or content. */
  formatAssociations: Record<string, FormatId | 'none'>;
  /** Per issue code: a new severity, or 'off' to drop it. */
  severityOverrides: Record<string, Severity | 'off'>;
  /** Target GPU (a name from the GPU catalog) and how many of them. */
  gpu: string;
  gpuCount: number;
  /** Used when a file sets no micro-batch / sequence length (an adapter_config.json never does). */
  defaultMicroBatchSize: number;
  defaultSequenceLength: number;
  /** Fetch unknown models' config.json from the Hugging Face Hub. Off: nothing reaches the network. */
  modelLookups: boolean;
  hubEndpoint: string;
  /** Files larger than this are not analysed (a clear issue says so). */
  maxFileBytes: number;
  /** The training loop memory assumes: `auto` is what the format's tool runs (an adapter_config.json: a plain loop). */
  trainingLoop: TrainingLoopSetting;
}

export const TRAINING_LOOPS = ['auto', 'plain', 'trainer'] as const;
export type TrainingLoopSetting = (typeof TRAINING_LOOPS)[number];

export const DEFAULT_SETTINGS: Settings = {
  files: [],
  formatAssociations: {},
  severityOverrides: {},
  gpu: 'H100-80GB',
  gpuCount: 1,
  defaultMicroBatchSize: 1,
  defaultSequenceLength: 2048,
  modelLookups: false,
  hubEndpoint: 'https://huggingface.co',
  maxFileBytes: 2 * 1024 * 1024,
  trainingLoop: 'auto',
};

/** Fills in defaults for anything a caller left out or set to a value of the wrong type. */
export function resolveSettings(partial: Partial<Settings> | undefined): Settings {
  const out: Settings = { ...DEFAULT_SETTINGS };
  if (!partial || typeof partial !== 'object') return out;
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
    const value = partial[key];
    if (value !== undefined && value !== null && typeof value === typeof DEFAULT_SETTINGS[key]) {
      (out as unknown as Record<string, unknown>)[key] = value;
    }
  }
  if (!TRAINING_LOOPS.includes(out.trainingLoop)) out.trainingLoop = DEFAULT_SETTINGS.trainingLoop;
  return out;
}
