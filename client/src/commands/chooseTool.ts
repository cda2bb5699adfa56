/**
 * The "choose the tool" step of Insert Fine-Tuning Method, for a file peft-lens does not recognise (an
 * empty file, a new config): a YAML file can be for axolotl, LLaMA-Factory, torchtune or TRL; a JSON
 * file is a PEFT adapter_config.json.
 */
import * as vscode from 'vscode';

const YAML_TOOLS: { format: string; label: string; detail: string }[] = [
  { format: 'axolotl', label: 'axolotl', detail: '`axolotl train config.yml`' },
  { format: 'llamafactory', label: 'LLaMA-Factory', detail: '`llamafactory-cli train config.yaml`' },
  { format: 'torchtune', label: 'torchtune', detail: '`tune run <recipe> --config config.yaml`' },
  { format: 'trl', label: 'TRL', detail: '`trl sft --config config.yaml`' },
];

/** The format the user picks for this document, or undefined when the pick is dismissed. */
export async function chooseTool(doc: vscode.TextDocument, given?: string): Promise<string | undefined> {
  if (doc.languageId !== 'yaml') return 'peft-adapter';
  if (given) return YAML_TOOLS.some((t) => t.format === given) ? given : undefined;
  const choice = await vscode.window.showQuickPick(
    YAML_TOOLS.map((t) => ({ label: t.label, detail: t.detail, format: t.format })),
    { title: 'PEFT Lens: which tool is this config for?', placeHolder: 'This file is not recognised as a fine-tuning config yet' },
  );
  return choice?.format;
}

/** Marks the file as the tool's config with the first-line comment, and nothing else. */
export async function setFormatComment(editor: vscode.TextEditor, format: string): Promise<boolean> {
  return editor.edit((e) => e.insert(new vscode.Position(0, 0), `# peft-lens: format=${format}\n`));
}
