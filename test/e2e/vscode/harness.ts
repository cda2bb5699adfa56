/**
 * A minimal test runner for the extension host (mocha is not a dependency): tests register with `test()`,
 * run one after another with a timeout each, and `runAll()` prints one line per test plus the closing
 * `N passed, N failed` line, rejecting when anything failed so the host exits non-zero.
 */
interface TestCase {
  name: string;
  fn: () => Promise<void>;
  timeoutMs: number;
}

const tests: TestCase[] = [];

export function test(name: string, fn: () => Promise<void>, timeoutMs = 60_000): void {
  tests.push({ name, fn, timeoutMs });
}

async function withTimeout(t: TestCase): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${t.timeoutMs} ms`)), t.timeoutMs);
  });
  try {
    await Promise.race([t.fn(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function runAll(): Promise<void> {
  let passed = 0;
  let failed = 0;
  const only = process.env.PEFT_LENS_E2E_GREP;
  for (const t of tests) {
    if (only && !t.name.includes(only)) continue;
    const start = Date.now();
    try {
      await withTimeout(t);
      passed++;
      console.log(`  ✔ ${t.name} (${Date.now() - start} ms)`);
    } catch (error) {
      failed++;
      console.log(`  ✖ ${t.name} (${Date.now() - start} ms)\n    ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
  console.log(`vscode: ${passed} passed, ${failed} failed`);
  if (failed > 0) throw new Error(`${failed} VS Code test(s) failed`);
}

/** Polls until `probe` returns a value that is not undefined, or fails with what was last seen. */
export async function eventually<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
