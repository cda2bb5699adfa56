/**
 * The validators compiled at build time (scripts/validators.mjs, through precompiled.ts): checking the
 * real configs compiles no bundled schema at run time, and each compiled unit reports exactly the
 * errors ajv gives when it compiles the same schema at run time, on the real values and on values of
 * every other JSON type put in their place.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check } from '../../core/src/index';
import { FORMATS } from '../../core/src/formats/registry';
import { toValue } from '../../core/src/parse/tree';
import { precompiledPart, precompiledWhole } from '../../core/src/schema/precompiled';
import { compileAtRunTime, runTimeCompiles } from '../../core/src/schema/runtimeCompile';
import type { JsonSchema } from '../../core/src/schema/types';
import { realConfigs } from '../helpers/corpus';
import { ctx, doc } from '../helpers/fixtures';

const samples = realConfigs().map((s) => doc(s.path, s.text)).filter((d) => d.format && d.root?.kind === 'map');
const STAND_INS: unknown[] = ['x', 'auto', -1, 0, 3, 0.5, 1e30, true, false, null, [], ['q_proj', 3], {}, { a: 1 }];

test('checking the upstream configs and the examples compiles no bundled schema at run time', async () => {
  const context = ctx();
  for (const d of samples) await check(d, context);
  assert.ok(samples.length > 600, `only ${samples.length} configs`);
  assert.equal(runTimeCompiles(), 0);
});

test('a unit compiled at build time reports what ajv reports compiling its schema at run time', () => {
  const runtime = new Map<unknown, ReturnType<typeof compileAtRunTime>>();
  const compiled = (key: unknown, schema: JsonSchema) => {
    if (!runtime.has(key)) runtime.set(key, compileAtRunTime(schema));
    return runtime.get(key)!;
  };
  let units = 0;
  let errors = 0;
  const same = (pre: ReturnType<typeof compileAtRunTime>, run: ReturnType<typeof compileAtRunTime>, value: unknown, where: string) => {
    const a = pre(value) ? [] : pre.errors;
    const b = run(value) ? [] : run.errors;
    assert.deepStrictEqual(a, b, where);
    errors += b?.length ?? 0;
  };
  for (const d of samples) {
    const schema = FORMATS[d.format!].schema(d)!;
    const value = toValue(d.root) as Record<string, unknown>;
    const entry = precompiledWhole(schema);
    if (entry) {
      units++;
      const run = compiled(schema, schema);
      same(entry, run, value, d.path);
      for (const key of Object.keys(value)) for (const v of STAND_INS) same(entry, run, { ...value, [key]: v }, `${d.path} ${key}=${JSON.stringify(v)}`);
      continue;
    }
    for (const [key, v0] of Object.entries(value)) {
      const sub = schema.properties?.[key];
      const pre = sub && precompiledPart(schema, key, sub);
      if (!pre) continue;
      units++;
      const run = compiled(sub, { ...sub, ...(schema.definitions ? { definitions: schema.definitions } : {}) });
      for (const v of [v0, ...STAND_INS]) same(pre, run, v, `${d.path} ${key}=${JSON.stringify(v)}`);
    }
  }
  assert.ok(units > 5000 && errors > 10000, `compared ${units} units, ${errors} errors`);
});
