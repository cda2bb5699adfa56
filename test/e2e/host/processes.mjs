// Child processes of the e2e stage: each runs in its own process group so that the VS Code server's
// extension host and file watchers die with it (the server would otherwise keep an extension host alive for
// hours, waiting for the browser to reconnect).
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

const groups = new Set();

/** Spawns a detached process group, keeping the tail of its output for error reports. */
export function spawnGroup(command, args, options = {}) {
  const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const tail = [];
  const keep = (chunk) => {
    for (const line of chunk.toString().split('\n')) if (line.trim()) tail.push(line);
    if (tail.length > 200) tail.splice(0, tail.length - 200);
    if (options.echo) process.stderr.write(chunk);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  groups.add(child);
  child.on('exit', () => groups.delete(child));
  return { child, tail };
}

export function killGroup(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

export function killAllGroups() {
  for (const child of groups) killGroup(child);
}

let hooked = false;
/** Kills every group this process started when it exits or is interrupted. */
export function killGroupsOnExit() {
  if (hooked) return;
  hooked = true;
  process.on('exit', killAllGroups);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      killAllGroups();
      process.exit(130);
    });
  }
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Polls an URL until it answers (any HTTP status) or the child dies or time runs out. */
export async function waitForHttp(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before answering ${url}`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`no answer from ${url} within ${timeoutMs} ms`);
}
