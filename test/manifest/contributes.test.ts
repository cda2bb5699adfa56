/**
 * package.json `contributes` against the code: the settings match DEFAULT_SETTINGS (key, default,
 * type), every contributed schema is a valid draft-07 schema, and the method snippets are served by
 * the server, not contributed.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import Ajv from 'ajv';
import { DEFAULT_SETTINGS, FORMAT_IDS, SIZE_LIMITS } from '../../core/src/index';
import { SEVERITIES } from '../../core/src/types';

interface Property {
  type: string;
  default: unknown;
  enum?: unknown[];
  additionalProperties?: { enum?: unknown[] };
  items?: { type: string };
}
interface Contributes {
  configuration: { properties: Record<string, Property> };
  jsonValidation?: { fileMatch: string | string[]; url: string }[];
  yamlValidation: { fileMatch: string | string[]; url: string }[];
}

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { contributes: Contributes; activationEvents: string[] };
const contributes = manifest.contributes;
const SECTION = 'peftLens.';
/** Settings of the client itself (LSP tracing), which the core never sees. */
const CLIENT_ONLY = ['peftLens.trace.server'];

function jsonType(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

describe('contributes.configuration matches the core settings', () => {
  const props = contributes.configuration.properties;

  test('every core setting is contributed with the same default and type', () => {
    for (const [key, value] of Object.entries(DEFAULT_SETTINGS)) {
      const p = props[SECTION + key];
      assert.ok(p, `${SECTION}${key} missing from package.json`);
      assert.deepEqual(p.default, value, `${key}: default`);
      const type = jsonType(value);
      assert.ok(p.type === type || (p.type === 'number' && type === 'integer'), `${key}: manifest type ${p.type}, core ${type}`);
    }
  });

  test('every contributed setting is a core setting (or the client-only trace)', () => {
    const core = new Set(Object.keys(DEFAULT_SETTINGS).map((k) => SECTION + k));
    assert.deepEqual(Object.keys(props).filter((k) => !core.has(k) && !CLIENT_ONLY.includes(k)), []);
  });

  test('enumerations: format names and severities', () => {
    assert.deepEqual(props['peftLens.formatAssociations'].additionalProperties?.enum, [...FORMAT_IDS, 'none']);
    assert.deepEqual(props['peftLens.severityOverrides'].additionalProperties?.enum, [...SEVERITIES, 'off']);
    assert.equal(props['peftLens.files'].items?.type, 'string');
  });
});

describe('contributed schemas', () => {
  const urls = contributes.yamlValidation.map((v) => v.url);

  test('every YAML format has its schema contributed, for the YAML language server', () => {
    for (const format of FORMAT_IDS.filter((f) => f !== 'peft-adapter')) assert.ok(urls.includes(`./schemas/${format}.schema.json`), format);
  });

  test('adapter_config.json is not given to VS Code\'s JSON service: the server validates and hovers it, a second schema would say everything twice', () => {
    assert.deepEqual(contributes.jsonValidation ?? [], []);
  });

  test('each is a valid draft-07 schema that compiles with ajv', () => {
    for (const url of [...urls, './schemas/peft-adapter.schema.json']) {
      const schema = JSON.parse(readFileSync(url, 'utf8')) as Record<string, unknown>;
      assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#', url);
      // validateSchema checks the file against the draft-07 meta-schema; x- keywords are annotations.
      const ajv = new Ajv({ strict: false, validateSchema: true, allowUnionTypes: true });
      assert.ok(ajv.validateSchema(schema), `${url}: ${ajv.errorsText(ajv.errors)}`);
      assert.doesNotThrow(() => ajv.compile(schema), url);
    }
  });
});

describe('method snippets', () => {
  // Served by the language server as completions, only in files it recognises or blank ones: a static
  // contribution would offer `peft-lora` in package.json and `torchtune-*` in a GitHub workflow.
  test('are not contributed statically', () => {
    assert.equal((contributes as { snippets?: unknown }).snippets, undefined);
  });

  test('each snippet file the server bundles holds snippets VS Code syntax can read', () => {
    for (const format of FORMAT_IDS) {
      const path = `snippets/${format}.json`;
      assert.ok(existsSync(path), path);
      const snippets = JSON.parse(readFileSync(path, 'utf8')) as Record<string, { prefix: string; body: string[] }>;
      for (const [name, s] of Object.entries(snippets)) {
        assert.ok(typeof s.prefix === 'string' && s.prefix.length > 0, name);
        assert.ok(Array.isArray(s.body) && s.body.length > 0, name);
      }
    }
  });
});

test('the default-size settings declare the maxima the estimate accepts from flags and requests', () => {
  const p = contributes.configuration.properties as Record<string, Property & { maximum?: number }>;
  assert.equal(p['peftLens.defaultMicroBatchSize'].maximum, SIZE_LIMITS.microBatchSize);
  assert.equal(p['peftLens.defaultSequenceLength'].maximum, SIZE_LIMITS.sequenceLength);
  assert.equal(p['peftLens.gpuCount'].maximum, SIZE_LIMITS.gpus);
});
