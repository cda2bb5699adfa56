/**
 * Every stable issue code the core can report, with a one-line summary: the source for SARIF rule
 * metadata, documentation and the test that keeps codes unique. Format rule families register theirs
 * through their Rule objects.
 */
import { MULTI_GPU_CODES } from './features/multiGpu';
import { FORMATS } from './formats/registry';
import { MODEL_CODES } from './rules/model/modelChecks';
import { VERSION_CODES } from './rules/versions';

const CORE_CODES: Record<string, string> = {
  'syntax/invalid-yaml': 'The file is not valid YAML.',
  'syntax/missing-space-after-colon': 'A key written without a space after its colon (`lora_r:32`) is plain text to YAML, not a key.',
  'syntax/invalid-json': 'The file is not valid JSON (comments and trailing commas are not JSON).',
  'syntax/duplicate-key': 'A key appears twice in one mapping; the loader keeps only the last.',
  'syntax/parser-failure': 'The parser failed unexpectedly.',
  'syntax/alias-expansion': 'YAML aliases and merge keys expand to far more values than any config holds.',
  'schema/unknown-key': 'A key the tool does not know.',
  'schema/deprecated-key': 'A key the tool still reads but has replaced or will remove.',
  'schema/wrong-type': 'A value of the wrong type.',
  'schema/truth-value': 'A number for a boolean option that the tool only tests for truthiness: it works as its truth value.',
  'schema/value-read-as': 'A value outside the documented set that the tool treats as one of them.',
  'schema/invalid-value': 'A value outside the allowed set.',
  'schema/out-of-range': 'A number outside its allowed range.',
  'schema/missing-key': 'A key the tool requires is missing.',
  'file/too-large': 'The file is over the size limit and is not analysed.',
  'file/binary': 'The file holds binary data and is not analysed.',
  'file/too-many-issues': 'The file has more issues than are reported for one file.',
  'estimate/not-a-config': 'The file is not a recognised fine-tuning config.',
  'estimate/no-model': 'The config names no base model; parameters are not counted.',
  'estimate/unknown-model': 'The base model is neither local, in the bundled catalog nor fetched from the Hub.',
  'estimate/size-out-of-range': 'A batch size, sequence length, accumulation or GPU count in the file is not a whole number within what an estimate accepts.',
  'estimate/override-out-of-range': 'A size given by a flag or an editor request is not a whole number within what an estimate accepts.',
  'value/unrepresentable-number': 'A count (rank, batch, sequence length, steps) written as infinity or a number too large to be one.',
};

export function allIssueCodes(): Record<string, string> {
  const out: Record<string, string> = { ...CORE_CODES, ...MODEL_CODES, ...VERSION_CODES, ...MULTI_GPU_CODES };
  for (const format of Object.values(FORMATS)) for (const rule of format.rules) Object.assign(out, rule.codes);
  return out;
}
