// Build step of esbuild.mjs: every bundled JSON schema (schemas/*.schema.json) and the settings manifest
// (package.json) turned into standalone ajv validator code, so nothing compiles a bundled schema at run time.
// The schemas stay the single source: this reads them on every build, and core/src/schema/precompiled.ts
// finds a compiled unit only for a schema object the bundle holds itself.
//
// A format schema compiles as units, the ones core/src/schema/schemaErrors.ts validates with: each top-level
// property (with the root's definitions, so `$ref`s resolve), `additionalProperties` when it is a schema, and
// each definition as an entry point (`{$ref: '#/definitions/X', definitions}`, PEFT's per-peft_type schema).
// Errors carry `parentSchema` (verbose), so the generated code does not embed schema copies: each schema
// constant ajv would serialise becomes a path into the root schema the bundle passes in (`bind(root)`).
import Ajv from 'ajv';
import { _Code } from 'ajv/dist/compile/codegen/code.js';
import standaloneCode from 'ajv/dist/standalone/index.js';
import * as esbuild from 'esbuild';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const SCHEMAS = resolve('schemas');
const NAMESPACE = 'peft-lens-validators';

/** The shared ajv options (core/src/schema/ajvOptions.ts), bundled on the fly since it is TypeScript. */
async function ajvOptions() {
  const out = await esbuild.build({ entryPoints: ['core/src/schema/ajvOptions.ts'], bundle: true, platform: 'node', format: 'esm', write: false, external: ['ajv'] });
  return import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
}

// Embedded into the generated code as well (by its source text), so the build and the bundle build the
// same unit roots from the same root schema.
function unitRoot(root, key) {
  const defs = { ...(root.definitions ? { definitions: root.definitions } : {}), ...(root.$defs ? { $defs: root.$defs } : {}) };
  if (key.startsWith('properties/')) return { ...root.properties[key.slice('properties/'.length)], ...defs };
  if (key === 'additionalProperties') return { ...root.additionalProperties, ...defs };
  return { $schema: root.$schema, $ref: `#/${key}`, definitions: root.definitions };
}

function unitKeys(root) {
  return [
    ...Object.keys(root.properties ?? {}).map((k) => `properties/${k}`),
    ...(typeof root.additionalProperties === 'object' ? ['additionalProperties'] : []),
    ...Object.keys(root.definitions ?? {}).map((k) => `definitions/${k}`),
  ];
}

/** Every object inside the root, with the expression that reaches it from `root`. */
function paths(value, expr, out = new Map()) {
  if (typeof value !== 'object' || value === null || out.has(value)) return out;
  out.set(value, expr);
  for (const [k, v] of Object.entries(value)) paths(v, `${expr}[${JSON.stringify(Array.isArray(value) ? Number(k) : k)}]`, out);
  return out;
}

/** Schema constants as paths into the bound root (ajv keeps them as scope values named `schemaN`). */
function pointSchemaConstants(ajv, known) {
  for (const name of ajv.scope._values.schema?.values() ?? []) {
    const expr = known.get(name.value.ref);
    if (expr) name.value.code = new _Code(expr);
  }
}

async function formatModule(file, options) {
  const root = JSON.parse(readFileSync(join(SCHEMAS, file), 'utf8'));
  const ajv = new Ajv({ ...options.AJV_OPTIONS, code: { source: true } });
  ajv.removeKeyword('deprecated');
  ajv.addKeyword(options.DEPRECATED_KEYWORD);
  const known = paths(root, 'root');
  const keys = unitKeys(root);
  for (const key of keys) {
    const schema = unitRoot(root, key);
    known.set(schema, `unit(${JSON.stringify(key)})`);
    ajv.addSchema(schema, key);
  }
  for (const key of keys) ajv.getSchema(key);
  pointSchemaConstants(ajv, known);
  // Each unit's code on its own (the definitions it uses repeated), kept as text: a run parses only
  // the few dozen units its configs use, not a format's hundreds.
  const sources = keys.map((key) => [key, standaloneCode(ajv, { [key]: key })]);
  const units = Object.fromEntries(await Promise.all(sources.map(async ([key, code]) => [key, await minified(code, key)])));
  const runtime = [...new Set(sources.flatMap(([, code]) => [...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])))].sort();
  return `"use strict";
const UNITS = ${JSON.stringify(units)};
const RUNTIME = { ${runtime.map((r) => `${JSON.stringify(r)}: require(${JSON.stringify(r)})`).join(', ')} };
const unitRoot = ${unitRoot.toString()};
/** The units bound to the bundle's own root schema: \`get(key)\` makes a unit's function on first use. */
module.exports = function bind(root) {
  const roots = new Map();
  const unit = (key) => { if (!roots.has(key)) roots.set(key, unitRoot(root, key)); return roots.get(key); };
  const made = new Map();
  return (key) => {
    if (!Object.prototype.hasOwnProperty.call(UNITS, key)) return undefined;
    if (!made.has(key)) made.set(key, new Function(\`return \${UNITS[key]}\`)()(root, unit, (id) => RUNTIME[id]));
    return made.get(key);
  };
};
`;
}

/** A unit's standalone code as one minified function of (root, unit, require) that returns its validator. */
async function minified(code, key) {
  const body = `unit = function (root, unit, require) {${code.replace(/^"use strict";/, '"use strict";const exports = {};')}\nreturn exports[${JSON.stringify(key)}];}`;
  const out = (await esbuild.transform(body, { minify: true, target: 'node20' })).code.trim();
  if (!out.startsWith('unit=function(')) throw new Error(`validators: unexpected minified code for ${key}`);
  return `(${out.slice('unit='.length).replace(/;$/, '')})`;
}

function settingsModule(options) {
  const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
  const ajv = new Ajv({ ...options.SETTINGS_AJV_OPTIONS, code: { source: true } });
  const refs = {};
  for (const [key, declared] of Object.entries(manifest.contributes.configuration.properties)) {
    ajv.addSchema(options.settingSchema(declared), key);
    refs[key] = key;
  }
  return standaloneCode(ajv, refs);
}

let generated;
/** name → generated code, once per build process. */
function generate() {
  generated ??= (async () => {
    const options = await ajvOptions();
    const files = readdirSync(SCHEMAS).filter((f) => f.endsWith('.schema.json')).sort();
    const modules = new Map();
    for (const file of files) modules.set(file.replace(/\.schema\.json$/, ''), await formatModule(file, options));
    return { files, modules, settings: settingsModule(options) };
  })();
  return generated;
}

/**
 * The plugin behind `peft-lens:validators` (core/src/schema/precompiled.ts). With `outdir` (the dist
 * bundles) each format's validators are a file of their own there, required on first use, so a run loads
 * only the formats it meets; without it (the test bundles) they are bundled in, still evaluated on first use.
 */
export function validatorsPlugin({ outdir } = {}) {
  return {
    name: 'validators',
    setup(build) {
      build.onResolve({ filter: /^peft-lens:validators(\/.*)?$/ }, (args) => ({ path: args.path, namespace: NAMESPACE }));
      build.onResolve({ filter: /^peft-lens-split:/ }, (args) => ({ path: `./${args.path.slice('peft-lens-split:'.length)}`, external: true }));
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, async (args) => {
        const { files, modules, settings } = await generate();
        const watchFiles = [...files.map((f) => join(SCHEMAS, f)), resolve('package.json')];
        if (args.path === 'peft-lens:validators/settings') return { contents: settings, loader: 'js', resolveDir: process.cwd(), watchFiles };
        if (args.path !== 'peft-lens:validators') return { contents: modules.get(args.path.slice('peft-lens:validators/'.length)), loader: 'js', resolveDir: process.cwd(), watchFiles };
        if (outdir) await writeSplit(modules, outdir);
        const entries = [...modules.keys()].map((name, i) => {
          const load = outdir ? `peft-lens-split:validators/${name}.js` : `peft-lens:validators/${name}`;
          return `  { schema: s${i}, load: () => require(${JSON.stringify(load)}) },`;
        });
        const imports = files.map((f, i) => `import s${i} from ${JSON.stringify(join(SCHEMAS, f))};`);
        return { contents: `${imports.join('\n')}\nexport const PRECOMPILED = [\n${entries.join('\n')}\n];\n`, loader: 'js', resolveDir: process.cwd(), watchFiles };
      });
    },
  };
}

const written = new Map();
/** dist/validators/<format>.js, each bundled with the few ajv run-time helpers it calls. */
function writeSplit(modules, outdir) {
  const dir = join(outdir, 'validators');
  if (!written.has(dir)) {
    mkdirSync(dir, { recursive: true });
    written.set(dir, Promise.all([...modules].map(([name, code]) => esbuild.build({
      stdin: { contents: code, resolveDir: process.cwd(), sourcefile: `${name}.validators.js` },
      bundle: true, platform: 'node', target: 'node20', format: 'cjs', minify: true, logLevel: 'warning',
      outfile: join(dir, `${name}.js`),
    }))));
  }
  return written.get(dir);
}
