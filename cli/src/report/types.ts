import type { FormatId, Issue } from '../../../core/src/index';

/** One checked file, with its text kept for line/column conversion. */
export interface CheckedFile {
  path: string;
  format: FormatId | null;
  text: string;
  issues: Issue[];
}

/** 1-based line/column positions, as every report prints them. */
export interface Located {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}
