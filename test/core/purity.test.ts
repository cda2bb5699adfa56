import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

test('core/ imports nothing from VS Code or LSP packages and does no I/O of its own', () => {
  const offenders: string[] = [];
  for (const file of files('core/src')) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/from\s+['"]([^'"]+)['"]/g)) {
      if (/^(vscode|vscode-languageserver|vscode-languageclient|vscode-jsonrpc)/.test(m[1]) || /^(node:)?(fs|net|http|https|child_process|dns|tls)(\/|$)/.test(m[1])) {
        offenders.push(`${file}: ${m[1]}`);
      }
    }
  }
  assert.deepEqual(offenders, []);
});
