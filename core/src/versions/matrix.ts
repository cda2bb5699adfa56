/** Typed access to the version matrix (matrix.json): tool releases, their pins and default stacks. */
import data from './matrix.json';
import type { FormatId } from '../types';
import { newestNotAfter } from './semver';

export const PACKAGES = ['transformers', 'peft', 'trl', 'torch', 'axolotl', 'llamafactory', 'torchtune'] as const;
export type Package = (typeof PACKAGES)[number];

export interface ToolRelease {
  /** Package → PEP 440 specifier the release requires. */
  pins: Partial<Record<Package, string>>;
  /** Package → the release it runs on when nothing says otherwise. */
  stack: Partial<Record<Package, string>>;
  /** What the tool does outside its pins, when it checks them itself. */
  enforced?: string;
  source: string;
}

export interface FormatVersions {
  tool: Package;
  label: string;
  reference: string;
  versions: Record<string, ToolRelease>;
}

export const MATRIX = data.formats as unknown as Record<FormatId, FormatVersions>;

export function isPackage(name: string): name is Package {
  return (PACKAGES as readonly string[]).includes(name);
}

/** Package names as their users know them, for messages. */
export const PACKAGE_LABELS: Record<Package, string> = {
  transformers: 'transformers',
  peft: 'PEFT',
  trl: 'TRL',
  torch: 'torch',
  axolotl: 'axolotl',
  llamafactory: 'LLaMA-Factory',
  torchtune: 'torchtune',
};

/** The modelled release that governs `version` (see newestNotAfter). */
export function releaseFor(format: FormatId, version: string): { version: string; release: ToolRelease } {
  const m = MATRIX[format];
  const at = newestNotAfter(Object.keys(m.versions), version);
  return { version: at, release: m.versions[at] };
}
