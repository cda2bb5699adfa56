/**
 * LLaMA-Factory loads YAML with OmegaConf, which reads unquoted `1e-4` as a float (PyYAML would not), and
 * hands values to the argument classes without converting them. A number written as a string (`"1e-4"`,
 * `'8'`) therefore stays a string and fails later (the optimizer compares it with 0, `lora_rank * 2`
 * becomes `"88"`).
 */
import type { ScalarNode } from '../../parse/tree';
import { keyText } from '../../parse/tree';
import { replaceValueEdit } from '../../edits';
import { propertySchemas } from '../../schema/lookup';
import type { JsonSchema } from '../../schema/types';
import type { Rule } from '../rule';
import { Reporter } from '../rule';
import { lfSchema } from '../../formats/llamaFactory/layout';

// OmegaConf's float resolver: like PyYAML's, but the exponent sign is optional and no dot is needed.
const OMEGACONF_FLOAT = /^(?:[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

function wantsNumberNotString(schemas: JsonSchema[]): boolean {
  const types = schemas.flatMap((s) => [s.type ?? [], ...(s.anyOf ?? []).map((b) => b.type ?? [])].flat());
  return types.some((t) => t === 'number' || t === 'integer') && !types.includes('string');
}

export const numberAsString: Rule = {
  codes: { 'llamafactory/number-as-string': 'A number written as a string, which LLaMA-Factory passes on unconverted.' },
  check(ctx) {
    const r = new Reporter(ctx);
    const schema = lfSchema(ctx.doc);
    for (const entry of ctx.root.entries) {
      const v = entry.value;
      if (v?.kind !== 'scalar' || typeof v.value !== 'string') continue;
      const number = Number(v.value.replace(/_/g, ''));
      if (v.value.trim() === '' || !Number.isFinite(number)) continue;
      if (!v.quoted && OMEGACONF_FLOAT.test(v.raw)) continue;
      const key = keyText(entry);
      if (!wantsNumberNotString(propertySchemas(schema, schema, key))) continue;
      const fix = { title: `Write ${v.raw} as a number`, edits: [replaceValueEdit(v.span, number, ctx.doc)], preferred: true };
      r.report('llamafactory/number-as-string', 'error', message(key, v), [key], 'value', [fix]);
    }
    return r.issues;
  },
};

function message(key: string, v: ScalarNode): string {
  const how = v.quoted ? 'is quoted' : 'is not a number to the YAML loader';
  return `\`${key}\` ${how}, so LLaMA-Factory receives the string "${v.value}" and passes it on unconverted; training fails (or computes with text) once it is used. Write it as a plain number.`;
}
