// Build step of esbuild.mjs: how bundled JSON data reaches the code.
//
// `import x from './file.json'` is eager data (a schema, the version matrix): it becomes
// `module.exports = JSON.parse("…")`, which V8 reads several times faster than the same data as an object literal.
//
// `import load from './file.json?lazy'` (or `'./dir/*.json?lazy'`: every JSON file of the folder, by
// name, as an array) is data a run may never need (the model catalog, torchtune's components, the
// papers): `load()` parses it on the first call. With `outdir` (the dist bundles) it is a file there,
// dist/data/<name>.json, that the bundle requires then; without (the test bundles) it is bundled in.
// `import load from './module.ts?lazy'` is the same for code (ajv's compiler): `load()` gives the module.
import * as esbuild from 'esbuild';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';

const LAZY = /\?lazy$/;
/** Lazy modules already bundled by this process (the three dist bundles share them). */
const built = new Map();

function lazyFiles(path) {
  if (!basename(path).includes('*')) return { files: [path], many: false };
  const dir = dirname(path);
  const suffix = basename(path).split('*')[1];
  return { files: readdirSync(dir).filter((f) => f.endsWith(suffix)).sort().map((f) => join(dir, f)), many: true };
}

export function dataPlugin({ outdir } = {}) {
  return {
    name: 'data',
    setup(build) {
      build.onResolve({ filter: LAZY }, (args) => ({ path: resolve(args.resolveDir, args.path.replace(LAZY, '')), namespace: 'lazy-data' }));
      build.onResolve({ filter: /^peft-lens-data:/ }, (args) => ({ path: `./${args.path.slice('peft-lens-data:'.length)}`, external: true }));
      build.onLoad({ filter: /\.ts$/, namespace: 'lazy-data' }, async (args) => {
        if (!outdir) return { contents: `let m; export default () => (m ??= require(${JSON.stringify(args.path)}));`, loader: 'js', resolveDir: process.cwd() };
        const name = `${relative(process.cwd(), args.path).replace(/[\\/]/g, '-').replace(/\.ts$/, '')}.js`;
        const outfile = join(outdir, 'lazy', name);
        if (!built.has(outfile)) built.set(outfile, esbuild.build({ entryPoints: [args.path], bundle: true, platform: 'node', target: 'node20', format: 'cjs', minify: true, logLevel: 'warning', mainFields: ['module', 'main'], outfile }));
        await built.get(outfile);
        return { contents: `let m; export default () => (m ??= require(${JSON.stringify(`peft-lens-data:lazy/${name}`)}));`, loader: 'js', watchFiles: [args.path] };
      });
      build.onLoad({ filter: /.*/, namespace: 'lazy-data' }, (args) => {
        const { files, many } = lazyFiles(args.path);
        const watchDirs = many ? [dirname(args.path)] : [];
        if (outdir) {
          const name = `${relative(process.cwd(), args.path).replace(/\*/g, 'all').replace(/[\\/]/g, '-').replace(/\.json$/, '')}.json`;
          const values = files.map((f) => JSON.parse(readFileSync(f, 'utf8')));
          mkdirSync(join(outdir, 'data'), { recursive: true });
          writeFileSync(join(outdir, 'data', name), JSON.stringify(many ? values : values[0]));
          return { contents: `let v; export default () => (v ??= require(${JSON.stringify(`peft-lens-data:data/${name}`)}));`, loader: 'js', watchFiles: files, watchDirs };
        }
        const requires = files.map((f) => `require(${JSON.stringify(f)})`);
        return { contents: `let v; export default () => (v ??= ${many ? `[${requires.join(', ')}]` : requires[0]});`, loader: 'js', resolveDir: process.cwd(), watchFiles: files, watchDirs };
      });
      build.onLoad({ filter: /\.json$/ }, (args) => {
        const text = readFileSync(args.path, 'utf8');
        return { contents: `module.exports = JSON.parse(${JSON.stringify(JSON.stringify(JSON.parse(text)))});`, loader: 'js' };
      });
    },
  };
}
