// One build script: bundles the extension client, the language server and the CLI into dist/,
// and (with --tests) each test file into out/test/ for node's test runner. Type-checking is separate
// (`npm run typecheck`), so builds stay fast.
import * as esbuild from 'esbuild';
import { readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { dataPlugin } from './scripts/data.mjs';
import { validatorsPlugin } from './scripts/validators.mjs';

const args = new Set(process.argv.slice(2));
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  logLevel: 'warning',
  define: { PEFT_LENS_VERSION: JSON.stringify(pkg.version) },
  // jsonc-parser's `main` is a UMD build whose dynamic requires esbuild cannot follow; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
};

const bundles = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { entryPoints: ['server/src/main.ts'], outfile: 'dist/server.js' },
  // dist/cli.js only starts dist/cli-main.js with a code cache (cli/src/launch.ts); the CLI is minified,
  // since every byte of it is read and parsed on each run.
  { entryPoints: ['cli/src/launch.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['cli/src/main.ts'], outfile: 'dist/cli-main.js', minify: true },
];

function testEntries(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'e2e' ? [] : testEntries(path);
    return name.endsWith('.test.ts') ? [path] : [];
  });
}

if (args.has('--tests')) {
  rmSync('out/test', { recursive: true, force: true });
  await esbuild.build({ ...common, entryPoints: testEntries('test'), outdir: 'out/test', outbase: 'test', external: ['vscode'], plugins: [validatorsPlugin(), dataPlugin()] });
} else if (args.has('--watch')) {
  const contexts = await Promise.all(bundles.map((b) => esbuild.context({ ...common, ...b, plugins: [validatorsPlugin({ outdir: 'dist' }), dataPlugin({ outdir: 'dist' })] })));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('watching client, server and cli for changes…');
} else {
  await Promise.all(bundles.map((b) => esbuild.build({ ...common, ...b, plugins: [validatorsPlugin({ outdir: 'dist' }), dataPlugin({ outdir: 'dist' })] })));
}
