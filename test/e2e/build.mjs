// Bundles the VS Code extension tests (test/e2e/vscode/index.ts and what it imports) into out/e2e/vscode/index.js,
// the extensionTestsPath the extension host loads; `vscode` is provided by the host.
import * as esbuild from 'esbuild';

await esbuild.build({
  entryPoints: ['test/e2e/vscode/index.ts'],
  outfile: 'out/e2e/vscode/index.js',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  external: ['vscode'],
  logLevel: 'warning',
});
