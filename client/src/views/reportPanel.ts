/**
 * Webview panels that show a server answer about one document (memory breakdown, rank table) and keep it
 * current: they reload when that document changes or the peftLens settings change (e.g. the GPU), and are
 * reused when the same report is asked for again. Static HTML only: no scripts run in them.
 */
import * as vscode from 'vscode';
import { escapeHtml } from '../format';

export interface LiveReport<T> {
  /** What the report is ("breakdown"); with the document it identifies the panel. */
  kind: string;
  title: string;
  doc: vscode.TextDocument;
  load(): Promise<T>;
  /** HTML for the body of the page. */
  render(data: T): string;
}

const panels = new Map<string, vscode.WebviewPanel>();
const RELOAD_DELAY_MS = 400;

export async function showLiveReport<T>(report: LiveReport<T>): Promise<T> {
  const key = `${report.kind}:${report.doc.uri.toString()}`;
  let panel = panels.get(key);
  if (panel) panel.reveal(undefined, true);
  else panel = openPanel(key, report);
  const data = await report.load();
  panel.webview.html = page(report.title, report.render(data));
  return data;
}

function openPanel<T>(key: string, report: LiveReport<T>): vscode.WebviewPanel {
  const panel = vscode.window.createWebviewPanel(`peftLens.${report.kind}`, report.title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
    enableScripts: false,
    localResourceRoots: [],
  });
  panels.set(key, panel);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const reload = () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      try {
        panel.webview.html = page(report.title, report.render(await report.load()));
      } catch {
        // The server may be restarting; the next change reloads again.
      }
    }, RELOAD_DELAY_MS);
  };
  const subscriptions = [
    vscode.workspace.onDidChangeTextDocument((e) => e.document === report.doc && reload()),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('peftLens') && reload()),
  ];
  panel.onDidDispose(() => {
    clearTimeout(timer);
    panels.delete(key);
    subscriptions.forEach((s) => s.dispose());
  });
  return panel;
}

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline';">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style></head>
<body>${body}</body></html>`;
}

const STYLE = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 16px 16px; }
h2 { font-weight: 600; margin-bottom: 4px; }
.sub { color: var(--vscode-descriptionForeground); margin-top: 0; }
.headline { font-size: 1.15em; margin: 12px 0; }
.chart { display: grid; grid-template-columns: max-content minmax(120px, 1fr) max-content max-content max-content; gap: 6px 12px; align-items: center; margin: 12px 0 16px; }
.term .name { white-space: nowrap; }
.term .track { height: 14px; background: var(--vscode-editorWidget-background, rgba(128,128,128,.15)); border-radius: 3px; overflow: hidden; }
.term .fill { height: 100%; background: var(--vscode-charts-blue, #3794ff); }
.term .bytes, .term .share, td.num { text-align: right; font-variant-numeric: tabular-nums; }
.term { display: contents; }
.term .known { color: var(--vscode-descriptionForeground); }
.fits { color: var(--vscode-charts-green, #89d185); } .too-close-to-call { color: var(--vscode-charts-yellow, #cca700); }
.does-not-fit { color: var(--vscode-errorForeground, #f14c4c); } .unknown { color: var(--vscode-descriptionForeground); }
table { border-collapse: collapse; margin: 12px 0; } th, td { padding: 4px 10px; white-space: nowrap; border-bottom: 1px solid var(--vscode-panel-border, rgba(128,128,128,.3)); }
td.fit { white-space: normal; min-width: 7em; } .scroll { overflow-x: auto; }
th { text-align: left; } tr.current td { font-weight: 600; background: var(--vscode-list-inactiveSelectionBackground, rgba(128,128,128,.15)); }
ul { padding-left: 20px; } code { font-family: var(--vscode-editor-font-family); }
.reason { font-style: italic; color: var(--vscode-descriptionForeground); }
`;
