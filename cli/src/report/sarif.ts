/** SARIF 2.1.0 for code-scanning tools (GitHub code scanning reads `runs[].results[]`). */
import type { Severity } from '../../../core/src/index';
import { allIssueCodes } from '../../../core/src/index';
import type { CheckedFile } from './types';
import { locator } from './positions';

const LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export function sarifReport(files: CheckedFile[], version: string): string {
  const codes = allIssueCodes();
  const used = [...new Set(files.flatMap((f) => f.issues.map((i) => i.code)))].sort();
  const results = files.flatMap((file) => {
    const at = locator(file.text);
    return file.issues.map((i) => {
      const p = at(i.span);
      return {
        ruleId: i.code,
        ruleIndex: used.indexOf(i.code),
        level: LEVEL[i.severity],
        message: { text: i.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: file.path.replace(/\\/g, '/').replace(/^\.\//, '') },
              region: { startLine: p.line, startColumn: p.column, endLine: p.endLine, endColumn: p.endColumn },
            },
          },
        ],
      };
    });
  });
  return JSON.stringify(
    {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'peft-lens',
              version,
              rules: used.map((id) => ({ id, shortDescription: { text: codes[id] ?? id } })),
            },
          },
          columnKind: 'utf16CodeUnits',
          results,
        },
      ],
    },
    null,
    2,
  );
}
