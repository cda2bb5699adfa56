/** When keys came and went (history.json), and what that means on one stack. */
import data from './history.json';
import type { FormatId } from '../types';
import type { Package } from './matrix';
import { compare } from './semver';
import type { Stack } from './stack';

export interface KeyFact {
  key: string;
  formats: FormatId[];
  package: Package;
  introduced?: string;
  deprecated?: string;
  removed?: string;
  replacedBy?: string;
  replacementSince?: string;
  advice?: string;
  source: string;
}

export type KeyStatus = 'not-yet' | 'current' | 'deprecated' | 'removed';

const FACTS = data.keys as KeyFact[];
const BY_KEY = new Map<string, KeyFact[]>();
for (const f of FACTS) BY_KEY.set(f.key, [...(BY_KEY.get(f.key) ?? []), f]);

export function factsFor(format: FormatId, key: string): KeyFact[] {
  return (BY_KEY.get(key) ?? []).filter((f) => f.formats.includes(format));
}

/** The key's state in the release `version` of its package. */
export function statusAt(fact: KeyFact, version: string): KeyStatus {
  if (fact.removed && compare(version, fact.removed) >= 0) return 'removed';
  if (fact.introduced && compare(version, fact.introduced) < 0) return 'not-yet';
  if (fact.deprecated && compare(version, fact.deprecated) >= 0) return 'deprecated';
  return 'current';
}

/** The replacement, when the stack already has it (renaming to a key it lacks would not help). */
export function replacementOn(fact: KeyFact, stack: Stack): string | undefined {
  const since = fact.replacementSince ?? fact.deprecated ?? fact.removed;
  const version = stack.versions[fact.package];
  return fact.replacedBy && version && since && compare(version, since) >= 0 ? fact.replacedBy : undefined;
}

/** `deprecated in transformers 5.0, removed in 5.15`. */
export function lifeWords(fact: KeyFact, label: string): string {
  const steps = [
    fact.introduced && `added in ${fact.introduced}`,
    fact.deprecated && `deprecated in ${fact.deprecated}`,
    fact.removed && `removed in ${fact.removed}`,
  ].filter(Boolean);
  return `${label} ${steps.join(', ')}`;
}
