/** Numbers as the views show them; the server sends raw bytes and counts. */
const GIB = 1024 ** 3;

export function gib(bytes: number): string {
  return `${(bytes / GIB).toFixed(bytes < 10 * GIB ? 2 : 1)} GiB`;
}

/** A memory term's size: GiB, or MiB below one GiB so a small term does not read "0.00 GiB". */
export function size(bytes: number): string {
  if (bytes >= GIB) return gib(bytes);
  const mib = bytes / 1024 ** 2;
  return `${mib.toFixed(mib < 10 ? 1 : 0)} MiB`;
}

export function count(n: number): string {
  return n.toLocaleString('en-US');
}

export function percentText(p: number): string {
  return `${p >= 1 ? p.toFixed(2) : p >= 0.01 ? p.toFixed(3) : p.toPrecision(2)}%`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A sentence from the server for HTML: escaped, with its `code` spans (markdown) shown as code, not as backticks. */
export function inlineHtml(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}
