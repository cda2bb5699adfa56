/** Settings of the wrong shape: warned about once, that key falls back, diagnostics keep coming. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startSession } from '../helpers/lsp';

const BROKEN = 'base_model: meta-llama/Llama-3.2-1B\nadapter: lora\nlora_r: [8\n';

const CASES: [string, Record<string, unknown>, RegExp][] = [
  ['files holding a number and null', { files: [1, null] }, /peftLens\.files` at \/0 must be string/],
  ['a misspelt format association', { formatAssociations: { '**/*.yml': 'axolot' } }, /peftLens\.formatAssociations` at \/\*\*~1\*\.yml must be equal to one of the allowed values/],
  ['a default size beyond its maximum', { defaultMicroBatchSize: 1e308 }, /peftLens\.defaultMicroBatchSize` must be <= 65536/],
  ['a GPU count of the wrong type', { gpuCount: 'many' }, /peftLens\.gpuCount` must be integer/],
];

for (const [name, settings, warning] of CASES) {
  test(`settings: ${name} is warned once and the rest still applies`, async () => {
    // The override proves that the other keys of the same section are applied.
    const s = await startSession({ settings: { ...settings, severityOverrides: { 'syntax/invalid-yaml': 'warning' } } });
    try {
      const uri = s.open('/ws/train.yml', BROKEN);
      const p = await s.waitForDiagnostics((d) => d.uri === uri);
      const syntax = p.diagnostics.find((d) => d.code === 'syntax/invalid-yaml');
      assert.equal(syntax?.severity, 2, JSON.stringify(p.diagnostics));
      await s.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
      const other = s.open('/ws/again.yml', BROKEN);
      await s.waitForDiagnostics((d) => d.uri === other);
      const warnings = s.logs.filter((l) => warning.test(l));
      assert.equal(warnings.length, 1, s.logs.join('\n'));
      assert.ok(!s.logs.some((l) => /TypeError/.test(l)), s.logs.join('\n'));
    } finally {
      await s.close();
    }
  });
}
