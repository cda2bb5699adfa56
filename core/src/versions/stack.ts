/**
 * Which stack a file is checked against: the tool release and the release of each dependency it runs
 * on. In order, for each package: the file's first-line comment (`# peft-lens: axolotl=0.18
 * transformers=5.17`), the `peftLens.stacks` setting for the format, the workspace's dependency files,
 * else the default stack of the tool release (matrix.json), which for an unstated tool is the
 * reference release. Every package records where its version came from, so messages can say it.
 */
import { lensComment, pairsOf } from '../detect';
import type { FormatId } from '../types';
import type { FormatVersions, Package, ToolRelease } from './matrix';
import { MATRIX, PACKAGE_LABELS, isPackage, releaseFor } from './matrix';
import type { Pins } from './pins';
import { isVersion, satisfies, specWords } from './semver';
import type { WorkspacePins } from './workspace';

export type StackSource = 'comment' | 'setting' | 'workspace' | 'default';

export interface Stack {
  format: FormatId;
  tool: Package;
  /** The modelled tool release whose pins and facts apply. */
  release: string;
  /** Package → release, the tool included. */
  versions: Pins;
  /** Package → where its release came from ('default': the tool release's default stack). */
  origin: Partial<Record<Package, StackSource>>;
  /** Package → the workspace file its release was read from. */
  files: Partial<Record<Package, string>>;
  /** True when nothing was stated or detected: the reference stack. */
  reference: boolean;
}

export interface StackInputs {
  format: FormatId;
  text: string;
  /** The format's entry of the `peftLens.stacks` setting (`"transformers=5.8 trl=0.24"`). */
  setting?: string;
  workspace?: WorkspacePins;
}

/** `a=1 b=2` pairs whose key is a package the matrix knows and whose value reads as a release. */
export function parsePins(pairs: Record<string, string>): Pins {
  const out: Pins = {};
  for (const [k, v] of Object.entries(pairs)) if (isPackage(k) && isVersion(v)) out[k] = v;
  return out;
}

export function resolveStack({ format, text, setting, workspace }: StackInputs): Stack {
  const m: FormatVersions = MATRIX[format];
  const layers: [StackSource, Pins][] = [
    ['comment', parsePins(lensComment(text))],
    ['setting', parsePins(pairsOf(typeof setting === 'string' ? setting : ''))],
    ['workspace', workspace?.pins ?? {}],
  ];
  const stated = (pkg: Package): [StackSource, string] | undefined => {
    for (const [source, pins] of layers) if (pins[pkg]) return [source, pins[pkg]!];
    return undefined;
  };
  const toolStated = stated(m.tool);
  const { version: release, release: rel } = releaseFor(format, toolStated?.[1] ?? m.reference);
  const stack: Stack = { format, tool: m.tool, release, versions: { [m.tool]: toolStated?.[1] ?? m.reference }, origin: { [m.tool]: toolStated?.[0] ?? 'default' }, files: {}, reference: true };
  for (const pkg of new Set<Package>([...(Object.keys(rel.stack) as Package[]), ...(Object.keys(rel.pins) as Package[])])) {
    const s = stated(pkg);
    const version = s?.[1] ?? rel.stack[pkg];
    if (!version) continue;
    stack.versions[pkg] = version;
    stack.origin[pkg] = s?.[0] ?? 'default';
  }
  for (const pkg of Object.keys(stack.origin) as Package[]) {
    if (stack.origin[pkg] === 'workspace' && workspace?.files[pkg]) stack.files[pkg] = workspace.files[pkg];
    if (stack.origin[pkg] !== 'default') stack.reference = false;
  }
  return stack;
}

export function releaseOf(stack: Stack): ToolRelease {
  return MATRIX[stack.format].versions[stack.release];
}

/** `LLaMA-Factory 0.9.6 · transformers 5.8 · PEFT 0.20 · TRL 0.24 · torch 2.11`. */
export function stackWords(stack: Stack): string {
  return (Object.entries(stack.versions) as [Package, string][]).map(([pkg, v]) => `${PACKAGE_LABELS[pkg]} ${v}`).join(' · ');
}

/** Where one package's release came from, in words. */
export function originWords(stack: Stack, pkg: Package): string {
  const label = MATRIX[stack.format].label;
  switch (stack.origin[pkg]) {
    case 'comment':
      return 'stated on the first line';
    case 'setting':
      return `from the \`peftLens.stacks\` setting for ${stack.format}`;
    case 'workspace':
      return `pinned in ${stack.files[pkg] ?? 'the workspace'}`;
    default:
      return pkg === stack.tool
        ? `the reference release`
        : `${label} ${stack.release}'s default${stack.reference ? ', the reference stack' : ''}`;
  }
}

/** `transformers 5.8 (LLaMA-Factory 0.9.6's default, the reference stack)`, for messages about one package. */
export function checkedAgainst(stack: Stack, pkg: Package): string {
  return `${PACKAGE_LABELS[pkg]} ${stack.versions[pkg]} (${originWords(stack, pkg)})`;
}

/** The stated or detected releases that the tool release's own pins refuse. */
export function outsidePins(stack: Stack): { pkg: Package; version: string; spec: string }[] {
  const pins = releaseOf(stack).pins;
  return (Object.entries(pins) as [Package, string][])
    .filter(([pkg, spec]) => spec && stack.origin[pkg] !== 'default' && stack.versions[pkg] && !satisfies(stack.versions[pkg]!, spec))
    .map(([pkg, spec]) => ({ pkg, version: stack.versions[pkg]!, spec: specWords(spec) }));
}
