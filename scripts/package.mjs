// `npm run package`: builds the bundles and packs the extension into peft-lens-<version>.vsix with @vscode/vsce 3.9.2
// (4.x needs Node 22). vsce lives in the e2e tools folder, outside the project's dependencies; it is installed
// there on first use. What goes in is decided by .vscodeignore: the bundles, schemas, snippets, README, LICENSE, icon.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { REPO, VSCE_BIN } from '../test/e2e/host/paths.mjs';

const VSCE_VERSION = '3.9.2';

function ensureVsce() {
  if (existsSync(VSCE_BIN)) return;
  const tools = dirname(dirname(dirname(dirname(VSCE_BIN))));
  console.log(`installing @vscode/vsce@${VSCE_VERSION} into ${tools}`);
  // --omit=optional: keytar (for publishing credentials) would try a GitHub prebuild download; packing never needs it.
  execFileSync('npm', ['install', '--prefix', tools, '--no-audit', '--no-fund', '--omit=optional', `@vscode/vsce@${VSCE_VERSION}`], { stdio: 'inherit' });
}

export function packageExtension() {
  const { name, version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
  const out = join(REPO, `${name}-${version}.vsix`);
  ensureVsce();
  execFileSync('node', ['esbuild.mjs'], { cwd: REPO, stdio: 'inherit' });
  // --no-dependencies: everything that runs is bundled into dist/, node_modules stays out.
  // --no-rewrite-relative-links: README's relative links (screenshots) stay as written; there is no public repository URL to rewrite them to.
  execFileSync('node', [VSCE_BIN, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', out], {
    cwd: REPO,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const vsix = packageExtension();
  console.log(`${vsix}: ${(statSync(vsix).size / 1024).toFixed(1)} KiB`);
}
