/**
 * Everything outside the process reaches the core through a Host, so the core stays pure and
 * testable, and the front end decides what is allowed (workspace trust, network opt-in).
 */
export interface Host {
  /** File contents, or undefined when missing, unreadable or not allowed. Paths are absolute. */
  readFile(path: string): Promise<string | undefined>;
  /**
   * The `.json` files under a folder (paths relative to it, `/`-separated, a few levels deep), or
   * undefined when it is missing, unreadable or not allowed. Absent: this front end lists nothing.
   */
  listJsonFiles?(dir: string): Promise<string[] | undefined>;
  /** The file names in a folder, or undefined when missing or not allowed. Absent: the core tries the usual names. */
  listDir?(path: string): Promise<string[] | undefined>;
  /** GET a URL and return the body, or throw with a readable reason. Absent: no network at all. */
  fetchText?(url: string, options: { timeoutMs: number; maxBytes: number }): Promise<string>;
  /** False in an untrusted workspace: only files inside `workspaceFolders` may be read. */
  trusted: boolean;
  workspaceFolders: string[];
  /** Set when reads stay inside `workspaceFolders` even though trusted (the CLI's `--root`): names that boundary. */
  readBoundary?: string;
}

/** A host that reads nothing: for pure-text analysis and tests. */
export const NULL_HOST: Host = {
  readFile: async () => undefined,
  trusted: true,
  workspaceFolders: [],
};
