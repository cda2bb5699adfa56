// `npm run package`: builds the bundles and packs the extension into peft-lens-<version>.vsix with @vscode/vsce 3.9.2
// (4.x needs Node 22). vsce lives in the e2e tools folder, outside the project's dependencies; it is installed
// there on first use. What goes in is decided by .vscodeignore: the bundles, schemas, snippets, the user README with its screenshots,
// LICENSE, icon.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { REPO, VSCE_BIN } from '../test/e2e/host/paths.mjs';

const VSCE_VERSION = '3.9.2';
/** The Extensions view and the Marketplace show this user-facing README (packed as README.md), not the developers' one. */
export const PACKAGE_README = 'README.marketplace.md';

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
  // The README's pictures are packed beside it (docs/screenshots/). VS Code's Extensions view and the Marketplace
  // load README images from https only (VS Code 1.139's sanitizer drops relative and data: sources), and the
  // project has no public URL yet, so a local package keeps the links as written; whoever publishes sets
  // PEFT_LENS_IMAGES_URL to the https folder that serves docs/screenshots/'s parent, and vsce rewrites them.
  const images = process.env.PEFT_LENS_IMAGES_URL;
  if (images && !images.startsWith('https://')) throw new Error(`PEFT_LENS_IMAGES_URL must be an https URL, got ${images}`);
  const links = images ? ['--baseImagesUrl', images, '--baseContentUrl', images] : ['--no-rewrite-relative-links'];
  const args = ['package', '--no-dependencies', '--allow-missing-repository', ...links, '--readme-path', PACKAGE_README, '--out', out];
  execFileSync('node', [VSCE_BIN, ...args], {
    cwd: REPO,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const vsix = packageExtension();
  console.log(`${vsix}: ${(statSync(vsix).size / 1024).toFixed(1)} KiB`);
}
