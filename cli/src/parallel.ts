/**
 * Many files checked across the machine's cores: the main thread and `jobs - 1` worker threads (each
 * running this same bundle, dist/cli.js, with its own core context) take the next file from one queue,
 * and the results are put back in the walk's order, so the report is byte for byte the serial one. A
 * file that cannot be read stops the run with the error the serial run would have stopped at.
 */
import { join } from 'node:path';
import type { Worker as WorkerThread } from 'node:worker_threads';
import type { Context } from '../../core/src/index';
import { checkTarget } from './check';
import type { ContextFlags } from './context';
import { cliContext } from './context';
import type { CheckedFile } from './report/types';
import type { Target } from './walk';

const KIND = 'peft-lens-check';
/** The argument a check worker starts with, so that other runs need not load node:worker_threads to tell. */
const WORKER_ARG = '--peft-lens-check-worker';

const workerThreads = () => require('node:worker_threads') as typeof import('node:worker_threads');
/** Files handed to a worker ahead, so it never waits on the main thread between two. */
const IN_FLIGHT = 4;

interface WorkerInit {
  kind: typeof KIND;
  flags: ContextFlags;
  ignore: string[];
}
interface Task {
  index: number;
  target: Target;
}
interface Reply {
  index: number;
  file?: CheckedFile;
  error?: string;
}

async function attempt(index: number, run: () => Promise<CheckedFile | undefined>): Promise<Reply> {
  try {
    return { index, file: await run() };
  } catch (err) {
    return { index, error: err instanceof Error ? err.message : String(err) };
  }
}

export async function checkInParallel(targets: Target[], ctx: Context, flags: ContextFlags, ignore: string[], jobs: number): Promise<CheckedFile[]> {
  const replies: Reply[] = new Array(targets.length);
  let next = 0;
  const take = () => (next < targets.length ? next++ : -1);
  const local = async () => {
    for (let i = take(); i >= 0; i = take()) replies[i] = await attempt(i, () => checkTarget(targets[i], ctx, ignore));
  };
  const remote = () =>
    new Promise<void>((resolve, reject) => {
      const init: WorkerInit = { kind: KIND, flags, ignore };
      // Started through dist/cli.js, which this bundle sits beside, so the worker gets the code cache too.
      const worker: WorkerThread = new (workerThreads().Worker)(join(__dirname, 'cli.js'), { workerData: init, argv: [WORKER_ARG] });
      let inFlight = 0;
      const feed = () => {
        for (let i = inFlight < IN_FLIGHT ? take() : -1; i >= 0; i = inFlight < IN_FLIGHT ? take() : -1) {
          inFlight++;
          worker.postMessage({ index: i, target: targets[i] } satisfies Task);
        }
        if (inFlight === 0) void worker.terminate().then(() => resolve(), reject);
      };
      worker.on('message', (reply: Reply) => {
        replies[reply.index] = reply;
        inFlight--;
        feed();
      });
      worker.on('error', reject);
      feed();
    });
  await Promise.all([local(), ...Array.from({ length: jobs - 1 }, remote)]);
  const files: CheckedFile[] = [];
  for (const reply of replies) {
    if (reply.error !== undefined) throw new Error(reply.error);
    if (reply.file) files.push(reply.file);
  }
  return files;
}

/** In a worker thread started by checkInParallel: answers tasks until terminated. False on the main thread. */
export function runAsCheckWorker(): boolean {
  if (!process.argv.includes(WORKER_ARG)) return false;
  const { isMainThread, parentPort, workerData } = workerThreads();
  const init = workerData as WorkerInit | undefined;
  if (isMainThread || init?.kind !== KIND || !parentPort) return false;
  const port = parentPort;
  const ctx = cliContext(init.flags);
  port.on('message', (task: Task) => {
    void attempt(task.index, () => checkTarget(task.target, ctx, init.ignore)).then((reply) => port.postMessage(reply));
  });
  return true;
}
