/**
 * Settings are checked against the shape the VS Code manifest declares for them
 * (package.json `contributes.configuration`), one key at a time: a value of the wrong shape (an
 * array holding numbers where globs belong, a misspelt format name, a size beyond its maximum) falls
 * back to that key's default with a problem saying so, and every other key still applies.
 */
import type { ValidateFunction } from 'ajv';
// Compiled at build time (scripts/validators.mjs), one validator per declared key.
import VALIDATORS from 'peft-lens:validators/settings';

const SECTION = 'peftLens';

/** The manifest's check for a key, or null for a key the manifest does not declare. */
function validatorFor(key: string): ValidateFunction | null {
  const name = `${SECTION}.${key}`;
  return Object.prototype.hasOwnProperty.call(VALIDATORS, name) ? VALIDATORS[name] : null;
}

/** Why a value does not fit the key's declared shape, or undefined when it does. */
export function settingProblem(key: string, value: unknown, fallback: unknown): string | undefined {
  const validate = validatorFor(key);
  if (validate) {
    if (validate(value)) return undefined;
    const e = validate.errors?.[0];
    const where = e?.instancePath ? ` at ${e.instancePath}` : '';
    return `\`${SECTION}.${key}\`${where} ${e?.message ?? 'does not fit its declared type'}; using the default ${JSON.stringify(fallback)}`;
  }
  return typeof value === typeof fallback ? undefined : `\`${SECTION}.${key}\` must be a ${typeof fallback}; using the default ${JSON.stringify(fallback)}`;
}
