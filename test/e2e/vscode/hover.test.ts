import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { eventually, test } from './harness';
import { hoverText, openFile, positionOf } from './workspace';

test('hover on a LoRA key explains it', async () => {
  const editor = await openFile('examples/axolotl/qlora-llama-3-8b.yml');
  const position = positionOf(editor.document, 'lora_r', 2);
  const text = await eventually('hover text', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, position);
    const t = hoverText(hovers ?? []);
    return t.includes('lora_r') ? t : undefined;
  });
  assert.match(text, /rank/i);
});
