/**
 * ajv at run time, for a schema the build did not compile (scripts/validators.mjs covers every bundled
 * one): same options and keywords as the build, so the errors read the same. Counted, so a test can
 * hold the bundled formats to zero run-time compiles.
 */
import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import { AJV_OPTIONS, DEPRECATED_KEYWORD } from './ajvOptions';
import type { JsonSchema } from './types';

let ajv: Ajv | undefined;
let compiles = 0;

export function compileAtRunTime(schema: JsonSchema): ValidateFunction {
  if (!ajv) {
    ajv = new Ajv(AJV_OPTIONS);
    ajv.removeKeyword('deprecated');
    ajv.addKeyword(DEPRECATED_KEYWORD);
  }
  compiles++;
  return ajv.compile(schema);
}

/** How many schemas this process compiled at run time. */
export function runTimeCompiles(): number {
  return compiles;
}
