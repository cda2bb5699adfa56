/**
 * How the format schemas are compiled, shared by the build (esbuild.mjs turns every bundled schema
 * into standalone validator code with these options, scripts/validators.mjs) and the run-time compile
 * of any schema the build did not see, so both report the same errors.
 */
import type { KeywordDefinition, Options } from 'ajv';

export const AJV_OPTIONS: Options = { allErrors: true, strict: false, verbose: true, allowUnionTypes: true, validateSchema: false };

/**
 * `deprecated` is only an annotation in JSON Schema; as a keyword that fails when present it makes
 * ajv report every deprecated key that is actually used, at its exact path. Written as code (not a
 * validate function) so that standalone code generation can emit it.
 */
export const DEPRECATED_KEYWORD: KeywordDefinition = {
  keyword: 'deprecated',
  schemaType: 'boolean',
  code(cxt) {
    if (cxt.schema === true) cxt.fail();
  },
};

/** The settings manifest's shapes (core/src/settingsCheck.ts): only the first problem matters. */
export const SETTINGS_AJV_OPTIONS: Options = { strict: false, allErrors: false };

/** The schema a setting is checked against: its manifest entry without the editor-only annotations. */
export function settingSchema(declared: Record<string, unknown>): Record<string, unknown> {
  return { ...declared, default: undefined, markdownDescription: undefined };
}
