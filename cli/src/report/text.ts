/** Human-readable report: `path:line:col: severity [code] message`, as compilers print. */
import type { CheckedFile } from './types';
import { locator } from './positions';

export function textReport(files: CheckedFile[]): string {
  const lines: string[] = [];
  const count = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const file of files) {
    const at = locator(file.text);
    for (const issue of file.issues) {
      const p = at(issue.span);
      count[issue.severity]++;
      lines.push(`${file.path}:${p.line}:${p.column}: ${issue.severity} [${issue.code}] ${issue.message}`);
    }
  }
  const recognised = files.filter((f) => f.format).length;
  lines.push(`${recognised} config file${recognised === 1 ? '' : 's'} checked: ${count.error} error(s), ${count.warning} warning(s), ${count.info + count.hint} note(s).`);
  return lines.join('\n');
}
