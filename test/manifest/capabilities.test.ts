/**
 * The manifest's workspace capabilities: what VS Code is told the extension does in an untrusted or a
 * virtual workspace must name real settings, and say what is turned off.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';

interface Capability {
  supported: boolean | 'limited';
  description?: string;
  restrictedConfigurations?: string[];
}
const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
  capabilities: { untrustedWorkspaces: Capability; virtualWorkspaces: Capability };
  contributes: { configuration: { properties: Record<string, unknown> } };
};

describe('workspace capabilities', () => {
  test('untrusted workspaces: limited, saying what is off, with the settings whose workspace values are ignored', () => {
    const c = manifest.capabilities.untrustedWorkspaces;
    assert.equal(c.supported, 'limited');
    assert.match(c.description ?? '', /outside the workspace/);
    assert.match(c.description ?? '', /Hub look-ups/);
    const settings = Object.keys(manifest.contributes.configuration.properties);
    // A workspace could point these at a folder outside it or at a host of its choosing.
    assert.deepEqual([...(c.restrictedConfigurations ?? [])].sort(), ['peftLens.hubEndpoint', 'peftLens.modelCatalog', 'peftLens.modelLookups']);
    for (const key of c.restrictedConfigurations ?? []) assert.ok(settings.includes(key), `${key} is not a contributed setting`);
  });

  test('virtual workspaces: declared, with the reason', () => {
    const c = manifest.capabilities.virtualWorkspaces;
    assert.equal(c.supported, false);
    assert.match(c.description ?? '', /disk/);
  });
});
