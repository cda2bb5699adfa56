// Modules the build generates (scripts/validators.mjs, run by esbuild.mjs) from schemas/ and package.json.
declare module 'peft-lens:validators' {
  import type { ValidateFunction } from 'ajv';
  /** One per bundled schema file: the schema object, and its compiled units (by unit key) bound to it. */
  export const PRECOMPILED: readonly { schema: unknown; load: () => (root: unknown) => (key: string) => ValidateFunction | undefined }[];
}
declare module 'peft-lens:validators/settings' {
  import type { ValidateFunction } from 'ajv';
  /** package.json's `contributes.configuration.properties`, one validator per setting. */
  const validators: Record<string, ValidateFunction>;
  export = validators;
}
// Data parsed on first use (scripts/data.mjs): `'./x.json?lazy'` is one file, `'./dir/*.json?lazy'` every JSON file of the folder.
declare module '*?lazy' {
  const load: () => unknown;
  export default load;
}
