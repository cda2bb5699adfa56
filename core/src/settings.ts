/**
 * User settings the core understands. The VS Code manifest (`contributes.configuration`) and the CLI
 * flags map onto this one shape; a test keeps the manifest's defaults equal to DEFAULT_SETTINGS.
 */
import { settingProblem } from './settingsCheck';
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
  /**
   * A folder of the team's own models (catalog JSON files or config.json files named by file or
   * folder), looked up before the bundled catalog; relative to the first workspace folder. Empty: none.
   */
  modelCatalog: string;
  /** Files larger than this are not analysed (a clear issue says so). */
  maxFileBytes: number;
  /** The training loop memory assumes: `auto` is what the format's tool runs (an adapter_config.json: a plain loop). */
  trainingLoop: TrainingLoopSetting;
  /**
   * Per format, the releases its files run on (`"llamafactory=0.9.6 transformers=5.8"`), when the
   * file's first line does not say; else the workspace's pins, else the reference stack.
   */
  stacks: Partial<Record<FormatId, string>>;
  /** Inlay hints with what a line costs (each target module, the rank): off unless asked for, as they re-run the estimate. */
  inlayHints: boolean;
  /** What one GPU-hour costs the user, for the time estimate's cost figure; 0 means unset (no price is assumed). */
  gpuHourPrice: number;
}

/** The manifest's enum checks the value (settingsCheck.ts). */
export type TrainingLoopSetting = 'auto' | 'plain' | 'trainer';

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
  modelCatalog: '',
  maxFileBytes: 2 * 1024 * 1024,
  trainingLoop: 'auto',
  stacks: {},
  inlayHints: false,
  gpuHourPrice: 0,
};

/** Fills in defaults for anything a caller left out or set to a value of the wrong shape. */
export function resolveSettings(partial: Partial<Settings> | undefined): Settings {
  return checkSettings(partial).settings;
}

/** The settings, and one line per key that fell back to its default (for the front end to warn about). */
export function checkSettings(partial: Partial<Settings> | undefined): { settings: Settings; problems: string[] } {
  const out: Settings = { ...DEFAULT_SETTINGS };
  const problems: string[] = [];
  if (!partial || typeof partial !== 'object') return { settings: out, problems };
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
    const value = partial[key];
    if (value === undefined || value === null) continue;
    const problem = settingProblem(key, value, DEFAULT_SETTINGS[key]);
    if (problem) problems.push(problem);
    else (out as unknown as Record<string, unknown>)[key] = value;
  }
  return { settings: out, problems };
}
