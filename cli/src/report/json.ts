/** The `--format json` contract: files with their issues, 1-based positions. */
import type { CheckedFile } from './types';
import { locator } from './positions';

export function jsonReport(files: CheckedFile[]): string {
  return JSON.stringify(
    {
      files: files.map((file) => {
        const at = locator(file.text);
        return {
          path: file.path,
          format: file.format,
          issues: file.issues.map((i) => ({ code: i.code, severity: i.severity, message: i.message, ...at(i.span) })),
        };
      }),
    },
    null,
    2,
  );
}
