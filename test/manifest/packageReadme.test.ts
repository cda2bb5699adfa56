/**
 * The README a user sees in the Extensions view (README.marketplace.md, packed by scripts/package.mjs): every
 * picture it shows exists and is let into the .vsix by .vscodeignore, and every command and setting it names
 * is one the manifest contributes, so the page cannot drift from the extension it describes.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import picomatch from 'picomatch';

const README = readFileSync('README.marketplace.md', 'utf8');
const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
  contributes: { commands: { title: string }[]; configuration: { properties: Record<string, unknown> } };
};

/** Whether .vscodeignore's rules (gitignore-like: last matching pattern wins, `!` re-includes) pack `path`. */
function packed(path: string): boolean {
  let included = true;
  for (const raw of readFileSync('.vscodeignore', 'utf8').split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const negated = line.startsWith('!');
    if (picomatch(negated ? line.slice(1) : line, { dot: true })(path)) included = negated;
  }
  return included;
}

describe('the packaged README', () => {
  const images = [...README.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]);

  test('shows pictures, each a file in the repository that the .vsix carries', () => {
    assert.ok(images.length >= 5, `only ${images.length} images`);
    for (const image of images) {
      assert.ok(!/^[a-z]+:/i.test(image), `${image}: link the file; packaging rewrites links to an https base when one is set`);
      assert.ok(existsSync(image), `${image} does not exist`);
      assert.ok(packed(image), `${image} is left out of the .vsix by .vscodeignore`);
    }
  });

  test('the developers README and the sources stay out of the package', () => {
    for (const path of ['README.md', 'core/src/index.ts', 'examples/axolotl/qlora-llama-3-8b.yml']) assert.equal(packed(path), false, path);
    assert.equal(packed('dist/server.js'), true);
  });

  test('names every contributed command, and only contributed settings', () => {
    for (const { title } of manifest.contributes.commands) assert.ok(README.includes(title.replace(/\s*…$/, '')), `command "${title}" not described`);
    const settings = new Set(Object.keys(manifest.contributes.configuration.properties));
    const named = [...README.matchAll(/`(peftLens\.[A-Za-z.]+)`/g)].map((m) => m[1]);
    assert.ok(named.length > 0);
    for (const key of named) assert.ok(settings.has(key), `${key} is not a contributed setting`);
  });
});
