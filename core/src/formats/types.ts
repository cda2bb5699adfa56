/** What each supported format contributes: its schema, its cross-field rules and its plan extraction. */
import type { ConfigDoc } from '../document';
import type { TrainingPlan } from '../plan';
import type { Rule } from '../rules/rule';
import type { JsonSchema } from '../schema/types';
import type { ValidationOptions } from '../schema/validationOptions';
import type { FormatId, Severity } from '../types';

export interface FormatModule {
  id: FormatId;
  /** The tool's name as users know it. */
  label: string;
  validation: ValidationOptions;
  /** The schema for this document; formats with a discriminator (PEFT's peft_type) branch here. */
  schema(doc: ConfigDoc): JsonSchema | undefined;
  rules: Rule[];
  extract(doc: ConfigDoc): TrainingPlan;
  /**
   * How the tool's loader treats a repeated key, when it is not PyYAML's "keep the last one" (the
   * core's default warning, on the dropped copy): e.g. OmegaConf refuses the file, and the issue moves
   * to the repeated copy its error names.
   */
  duplicateKeys?: { severity: Severity; message(key: string): string };
}
