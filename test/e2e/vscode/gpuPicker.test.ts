/** Select Target GPU (issue 15, item 12): the pick opens at the GPU selected now. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { test } from './harness';
import { pause } from './keyboard';
import { acceptFirstQuickPickItem, openFile } from './workspace';

test('Select Target GPU opens at the current GPU: Enter keeps it, Down then Enter takes the next one', async () => {
  await openFile('examples/axolotl/qlora-llama-3-8b.yml');
  const config = () => vscode.workspace.getConfiguration('peftLens');
  const before = config().get<string>('gpu');
  try {
    await config().update('gpu', 'A100-40GB', vscode.ConfigurationTarget.Global);
    assert.equal(await acceptFirstQuickPickItem(vscode.commands.executeCommand<string>('peftLens.selectGpu')), 'A100-40GB');
    const pending = vscode.commands.executeCommand<string>('peftLens.selectGpu');
    await pause(2500);
    await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
    assert.equal(await acceptFirstQuickPickItem(pending), 'A100-80GB');
    assert.equal(config().get('gpu'), 'A100-80GB');
  } finally {
    await config().update('gpu', before === 'H100-80GB' ? undefined : before, vscode.ConfigurationTarget.Global);
  }
});
