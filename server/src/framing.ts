/**
 * A strict check of the LSP base protocol on the stdio input, in front of vscode-jsonrpc's reader.
 * That reader waits forever on a header it cannot parse, or reads the next message's header as the
 * end of a body that was declared too long, and the server goes deaf without a word. A client can
 * restart a server that exits but cannot see one that went deaf, so a stream that cannot be
 * resynchronised is reported and ends the process. Bytes that pass are forwarded unchanged.
 */
import { Transform } from 'node:stream';
import type { TransformCallback } from 'node:stream';

/** No real header block is near this; a stream without CRLFCRLF this far in will never have one. */
const MAX_HEADER_BYTES = 8 * 1024;
const CRLF2 = Buffer.from('\r\n\r\n');

export class FramingError extends Error {}

export class FrameGuard extends Transform {
  private buffer: Buffer = Buffer.alloc(0);
  /** Body bytes still expected for the current message, or -1 while reading headers. */
  private bodyLeft = -1;
  private body: Buffer[] = [];
  private failed = false;

  constructor(private readonly onError: (err: FramingError) => void) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (this.failed) return done();
    try {
      this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
      this.drain();
      done();
    } catch (err) {
      this.failed = true;
      done();
      this.onError(err instanceof FramingError ? err : new FramingError(String(err)));
    }
  }

  private drain(): void {
    for (;;) {
      if (this.bodyLeft < 0) {
        const end = this.buffer.indexOf(CRLF2);
        if (end < 0) {
          this.checkPartialHeader();
          return;
        }
        this.bodyLeft = contentLength(this.buffer.subarray(0, end).toString('ascii'));
        this.push(this.buffer.subarray(0, end + 4));
        this.buffer = this.buffer.subarray(end + 4);
        this.body = [];
      }
      const take = Math.min(this.bodyLeft, this.buffer.length);
      if (take > 0) {
        const part = this.buffer.subarray(0, take);
        this.body.push(part);
        this.push(part);
        this.buffer = this.buffer.subarray(take);
        this.bodyLeft -= take;
      }
      if (this.bodyLeft > 0) return;
      checkBody(Buffer.concat(this.body));
      this.bodyLeft = -1;
      if (this.buffer.length === 0) return;
    }
  }

  /** A header block that cannot end well fails now rather than when the next message is lost in it. */
  private checkPartialHeader(): void {
    const text = this.buffer.toString('latin1');
    if (/(^|[^\r])\n/.test(text)) throw new FramingError('a header line ends in LF without CR (the base protocol separates headers with CRLF)');
    if (this.buffer.length > MAX_HEADER_BYTES) throw new FramingError(`no end of headers (CRLF CRLF) within ${MAX_HEADER_BYTES} bytes`);
  }
}

function contentLength(headers: string): number {
  let length: number | undefined;
  for (const line of headers.split('\r\n')) {
    if (line.includes('\n')) throw new FramingError('a header line ends in LF without CR (the base protocol separates headers with CRLF)');
    const colon = line.indexOf(':');
    if (colon <= 0) throw new FramingError(`malformed header line ${JSON.stringify(line.slice(0, 80))}`);
    if (line.slice(0, colon).trim().toLowerCase() !== 'content-length') continue;
    if (length !== undefined) throw new FramingError('two Content-Length headers in one message');
    const value = line.slice(colon + 1).trim();
    if (!/^\d{1,9}$/.test(value)) throw new FramingError(`Content-Length ${JSON.stringify(value.slice(0, 40))} is not a byte count`);
    length = Number(value);
  }
  if (length === undefined) throw new FramingError('a message without a Content-Length header');
  return length;
}

/**
 * A body of the declared length that is not one JSON object means the length was wrong: too short
 * cuts the JSON, too long swallows the next header. Either way the following bytes are misaligned.
 */
function checkBody(body: Buffer): void {
  try {
    const value = JSON.parse(body.toString('utf8')) as unknown;
    if (value && typeof value === 'object') return;
  } catch {
    // fall through
  }
  throw new FramingError(`the ${body.length}-byte body is not one JSON message (a Content-Length that does not match the body)`);
}
