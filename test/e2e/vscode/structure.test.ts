import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { eventually, test } from './harness';
import { openFile, positionOf } from './workspace';

// #15 item 12: what the anchors (redhat YAML, Even Better TOML, rust-analyzer) give and users expect.

test('the Outline view lists the config\'s keys, datasets by their path', async () => {
  const editor = await openFile('fixtures/links/train.yml');
  const symbols = await eventually('document symbols', async () => {
    const s = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', editor.document.uri);
    return s && s.length > 0 ? s : undefined;
  });
  assert.deepEqual(symbols.map((s) => s.name).slice(0, 3), ['base_model', 'adapter', 'lora_r']);
  const datasets = symbols.find((s) => s.name === 'datasets');
  assert.equal(datasets?.children[0]?.name, 'mhenrichsen/alpaca_2k_test');
});

test('Expand Selection (Shift+Alt+→) grows from a value to its entry', async () => {
  const editor = await openFile('fixtures/links/train.yml');
  const at = positionOf(editor.document, 'Meta-Llama-3-8B', 2);
  editor.selection = new vscode.Selection(at, at);
  // VS Code may first stop at a word of its own; the config's levels follow.
  const seen: string[] = [];
  for (let i = 0; i < 5; i++) {
    await vscode.commands.executeCommand('editor.action.smartSelect.expand');
    seen.push(editor.document.getText(editor.selection));
  }
  assert.ok(seen.includes('meta-llama/Meta-Llama-3-8B'), `the value on the way: ${JSON.stringify(seen)}`);
  assert.ok(seen.includes('base_model: meta-llama/Meta-Llama-3-8B'), `then the entry: ${JSON.stringify(seen)}`);
});

test('the model id and dataset are links to the Hub, the DeepSpeed file a link to the file', async () => {
  const editor = await openFile('fixtures/links/train.yml');
  const links = await eventually('document links', async () => {
    const l = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', editor.document.uri);
    return l && l.length >= 3 ? l : undefined;
  });
  const targets = links.map((l) => l.target?.toString(true));
  assert.ok(targets.includes('https://huggingface.co/meta-llama/Meta-Llama-3-8B'), targets.join(', '));
  assert.ok(targets.includes('https://huggingface.co/datasets/mhenrichsen/alpaca_2k_test'), targets.join(', '));
  assert.ok(targets.some((t) => t?.startsWith('file://') && t.endsWith('fixtures/links/zero3.json')), targets.join(', '));
});

test('Go to Definition (F12) on the DeepSpeed path opens that file', async () => {
  const editor = await openFile('fixtures/links/train.yml');
  const at = positionOf(editor.document, 'zero3.json', 3);
  editor.selection = new vscode.Selection(at, at);
  await vscode.commands.executeCommand('editor.action.revealDefinition');
  await eventually('zero3.json in the active editor', () => (vscode.window.activeTextEditor?.document.uri.path.endsWith('fixtures/links/zero3.json') ? true : undefined));
});

test('with peftLens.inlayHints on, each target module shows what it costs', async () => {
  const config = vscode.workspace.getConfiguration('peftLens');
  await config.update('inlayHints', true, vscode.ConfigurationTarget.Global);
  try {
    const editor = await openFile('fixtures/links/train.yml');
    const doc = editor.document;
    const hints = await eventually('inlay hints', async () => {
      const h = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', doc.uri, new vscode.Range(0, 0, doc.lineCount, 0));
      return h && h.length >= 3 ? h : undefined;
    });
    const label = (h: vscode.InlayHint) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join(''));
    const byLine = new Map(hints.map((h) => [doc.lineAt(h.position.line).text.trim(), label(h)]));
    assert.match(byLine.get('- q_proj') ?? '', /^\+4\.2M params · \+[\d.]+ GiB$/);
    assert.match(byLine.get('- v_proj') ?? '', /^\+2\.6M params · \+[\d.]+ GiB$/);
    assert.match(byLine.get('lora_r: 16') ?? '', /over r=8$/);
  } finally {
    await config.update('inlayHints', undefined, vscode.ConfigurationTarget.Global);
  }
});
