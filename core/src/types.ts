/**
 * Plain data shared by every part of the core. Offsets are UTF-16 code-unit offsets into the
 * document text (what JavaScript strings index by); only the server converts them to positions.
 */

/** Half-open range [start, end) of offsets into the document text. */
export interface Span {
  start: number;
  end: number;
}

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

export interface TextEdit {
  span: Span;
  newText: string;
}

/** A quick fix: a titled set of edits that can be applied as one. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix an editor may apply without asking (e.g. the single closest did-you-mean). */
  preferred?: boolean;
}

/**
 * One finding about a document. `code` is stable across releases (`family/kebab-name`) and is what
 * severity overrides, `--ignore`, docs links and tests key on — never the message text.
 */
export interface Issue {
  code: string;
  severity: Severity;
  message: string;
  span: Span;
  fixes?: Fix[];
  /**
   * `run`: the tool's start-up validation accepts the config and the run meets the problem later
   * (loading the model, building the optimizer, preparing the data). Still a refusal when it is an
   * error, but not one the tool's config check makes; absent for what the tool refuses at start-up.
   */
  stage?: 'run';
}

export type FormatId = 'peft-adapter' | 'axolotl' | 'llamafactory' | 'torchtune' | 'trl';

export const FORMAT_IDS: readonly FormatId[] = ['peft-adapter', 'axolotl', 'llamafactory', 'torchtune', 'trl'];

export type Syntax = 'yaml' | 'json';
