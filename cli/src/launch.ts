/**
 * dist/cli.js: starts the CLI bundle (dist/cli-main.js) with a V8 code cache, so that a run after the
 * first skips compiling the bundle and the functions a check calls. On Node 22.1+ that is Node's own
 * `module.enableCompileCache()`; on Node 20 the same done here: the bundle runs as a `vm.Script` with the
 * cached data kept under ~/.cache/peft-lens/compile (XDG_CACHE_HOME respected), keyed by the Node
 * version and the bundle's size and time, rewritten only when V8 had none or refused it.
 * NODE_DISABLE_COMPILE_CACHE=1 turns it off, as it does for Node's cache. Failing to read or write the
 * cache only costs the time it would have saved.
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Script } from 'node:vm';

const MAIN = join(__dirname, 'cli-main.js');
const nodeModule = Module as unknown as {
  enableCompileCache?: () => unknown;
  wrap(source: string): string;
  _nodeModulePaths(dir: string): string[];
};

function cacheFile(): string | undefined {
  try {
    const info = statSync(MAIN);
    const dir = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'peft-lens', 'compile');
    return join(dir, `cli-${process.version}-${process.arch}-${info.size}-${Math.floor(info.mtimeMs)}.bin`);
  } catch {
    return undefined;
  }
}

function read(file: string | undefined): Buffer | undefined {
  try {
    return file ? readFileSync(file) : undefined;
  } catch {
    return undefined;
  }
}

function write(file: string, data: Buffer): void {
  try {
    mkdirSync(join(file, '..'), { recursive: true, mode: 0o700 });
    // Written aside and renamed: runs started together never read half a file.
    const partial = `${file}.${process.pid}`;
    writeFileSync(partial, data, { flag: 'wx', mode: 0o600 });
    renameSync(partial, file);
  } catch {
    // A read-only home or a full disk: the next run compiles again.
  }
}

function launch(): void {
  if (process.env.NODE_DISABLE_COMPILE_CACHE || typeof nodeModule.enableCompileCache === 'function') {
    if (!process.env.NODE_DISABLE_COMPILE_CACHE) nodeModule.enableCompileCache!();
    require(MAIN);
    return;
  }
  const file = cacheFile();
  const cachedData = read(file);
  // The wrapper on a line of its own, and lineOffset -1, keep the bundle's lines where its source map says.
  const source = `(function (exports, require, module, __filename, __dirname) {\n${readFileSync(MAIN, 'utf8')}\n})`;
  const script = new Script(source, { filename: MAIN, lineOffset: -1, cachedData });
  const main = new Module(MAIN, module);
  main.filename = MAIN;
  main.paths = nodeModule._nodeModulePaths(__dirname);
  (script.runInThisContext() as (...args: unknown[]) => void).call(main.exports, main.exports, createRequire(MAIN), main, MAIN, __dirname);
  if (file && (!cachedData || script.cachedDataRejected)) process.once('exit', () => write(file, script.createCachedData()));
}

launch();
