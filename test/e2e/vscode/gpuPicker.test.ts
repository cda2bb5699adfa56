/** Select Target GPU (issue 15, item 12): the pick opens at the GPU selected now. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { BreakdownResponse } from '../../../server/src/protocol';
import { eventually, test } from './harness';
import { pause } from './keyboard';
import { acceptFirstQuickPickItem, openFile } from './workspace';

test('Select Target GPU opens at the current GPU: Enter keeps it, Down then Enter takes the next one', async () => {
  await openFile('examples/axolotl/qlora-llama-3-8b.yml');
  const config = () => vscode.workspace.getConfiguration('peftLens');
  const before = config().get<string>('gpu');
  try {
    await vscode.commands.executeCommand('peftLens.selectGpu', 'A100-40GB');
    // The server answers the pick with the GPU it was last told about: wait until it has the new one.
    await eventually('the server on the A100-40GB', async () => {
      const b = await vscode.commands.executeCommand<BreakdownResponse>('peftLens.showBreakdown');
      return b?.fit?.gpu === 'A100-40GB' ? true : undefined;
    });
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
