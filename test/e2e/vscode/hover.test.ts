import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { eventually, test } from './harness';
import { hoverText, openFile, positionOf } from './workspace';

async function hoverAt(editor: vscode.TextEditor, needle: string, expect: RegExp): Promise<string> {
  const position = positionOf(editor.document, needle, 2);
  return eventually(`hover on ${needle} matching ${expect}`, async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, position);
    const text = hoverText(hovers ?? []);
    return expect.test(text) ? text : undefined;
  }, 15_000);
}

test('hover on a LoRA key explains it and links the LoRA paper', async () => {
  const editor = await openFile('examples/axolotl/qlora-llama-3-8b.yml');
  const text = await hoverAt(editor, 'lora_r', /lora_r/);
  assert.match(text, /rank/i);
  // LoRA: Low-Rank Adaptation of Large Language Models, arXiv 2106.09685.
  assert.match(text, /\]\(https:\/\/arxiv\.org\/abs\/2106\.09685\)/);
});

test('hover on the QLoRA adapter value links the QLoRA paper', async () => {
  const editor = await openFile('examples/axolotl/qlora-llama-3-8b.yml');
  const text = await hoverAt(editor, 'adapter: qlora', /qlora/i);
  // QLoRA: Efficient Finetuning of Quantized LLMs, arXiv 2305.14314.
  assert.match(text, /arxiv\.org\/abs\/2305\.14314/);
});
