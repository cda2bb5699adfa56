/**
 * Every request handler runs through runSafe: an exception becomes a logged error and the fallback
 * answer, and a request cancelled before or during the work answers with the fallback at once.
 */
import type { CancellationToken } from 'vscode-languageserver/node';

export type Logger = (message: string) => void;

export async function runSafe<T>(log: Logger, label: string, token: CancellationToken | undefined, fallback: T, work: () => Promise<T> | T): Promise<T> {
  if (token?.isCancellationRequested) return fallback;
  try {
    const result = await work();
    return token?.isCancellationRequested ? fallback : result;
  } catch (err) {
    log(`[error] ${label} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return fallback;
  }
}
