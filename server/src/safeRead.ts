/**
 * File reads for the Node front ends that cannot hang, balloon or leave the boundary: only regular
 * files (a FIFO named config.json would block the read forever, /dev/zero never ends), the size
 * checked with stat before reading and the read itself capped (a file can grow between the two),
 * and boundaries compared on real paths, so a symlink inside a folder cannot lead outside it.
 */
import { open, realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative } from 'node:path';

export type ReadOutcome = { text: string; size: number } | { refused: string };

/**
 * The file's text, or why it was not read. Over `maxBytes`, only the first `prefixBytes` are read
 * (0: none) and `size` tells the whole length, so the caller can report the file as too large.
 */
export async function readRegularFile(path: string, maxBytes: number, prefixBytes = 0): Promise<ReadOutcome> {
  const info = await stat(path).catch((err: NodeJS.ErrnoException) => err);
  if (info instanceof Error) return { refused: info.code === 'ENOENT' ? 'no such file' : info.message };
  if (!info.isFile()) return { refused: 'not a regular file' };
  const limit = info.size > maxBytes ? prefixBytes : maxBytes;
  if (limit === 0) return { refused: `larger than ${maxBytes} bytes` };
  const handle = await open(path, 'r').catch((err: Error) => err);
  if (handle instanceof Error) return { refused: handle.message };
  try {
    const buffer = Buffer.alloc(Math.min(limit, info.size) + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    // Grown past the cap since stat: the cut-off text would not be the file.
    if (info.size <= maxBytes && filled > maxBytes) return { refused: `larger than ${maxBytes} bytes` };
    return { text: buffer.subarray(0, Math.min(filled, limit)).toString('utf8'), size: Math.max(info.size, filled) };
  } finally {
    await handle.close();
  }
}

/** The real path, or undefined when it does not exist. */
async function realPathOf(path: string): Promise<string | undefined> {
  return realpath(path).catch(() => undefined);
}

/** Whether `path` lies inside one of `folders`, compared after resolving symlinks on both sides. */
export async function realInsideAny(path: string, folders: string[]): Promise<boolean> {
  const real = await realPathOf(path);
  if (!real) return false;
  for (const folder of folders) {
    const root = (await realPathOf(folder)) ?? folder;
    const rel = relative(root, real);
    if (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))) return true;
  }
  return false;
}
