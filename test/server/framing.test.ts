/** Malformed base-protocol framing on stdio, as raw bytes: the server logs it and exits, never goes deaf. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { test } from 'node:test';

const INIT = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
const frame = (body: string, headers = `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n`) => headers + body;

/** Writes the bytes, then waits for the exit; a deaf server would hit the test's timeout instead. */
function feed(bytes: string): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const child = spawn(process.execPath, [resolve('dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stdin.write(bytes);
  return new Promise((done) => child.once('exit', (code) => done({ code, stderr, stdout })));
}

const CASES: [string, string, RegExp][] = [
  ['a Content-Length that is not a number', frame(INIT, 'Content-Length: lots\r\n\r\n'), /not a byte count/],
  ['two Content-Length headers', frame(INIT, `Content-Length: ${INIT.length}\r\nContent-Length: ${INIT.length}\r\n\r\n`), /two Content-Length/],
  ['LF-only headers', frame(INIT, `Content-Length: ${INIT.length}\n\n`), /LF without CR/],
  ['a body shorter than declared, then the next message', frame(INIT, `Content-Length: ${INIT.length + 40}\r\n\r\n`) + frame(INIT), /not one JSON message/],
  ['a body longer than declared', frame(INIT, `Content-Length: ${INIT.length - 5}\r\n\r\n`) + frame(INIT), /not one JSON message/],
  ['no header at all', 'x'.repeat(9000), /no end of headers/],
];

for (const [name, bytes, reason] of CASES) {
  test(`framing: ${name} is logged and ends the process`, { timeout: 10_000 }, async () => {
    const r = await feed(bytes);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /cannot be resynchronised/);
    assert.match(r.stderr, reason);
  });
}

test('framing: well-formed messages split at every byte still get their answer', { timeout: 10_000 }, async () => {
  const child = spawn(process.execPath, [resolve('dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  const answered = new Promise<void>((done) =>
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (stdout.includes('"id":1') && stdout.includes('capabilities')) done();
    }),
  );
  const bytes = Buffer.from(frame(INIT));
  for (let i = 0; i < bytes.length; i += 7) child.stdin.write(bytes.subarray(i, i + 7));
  await answered;
  child.kill();
});
