/**
 * Deterministic mutations of real configs for fuzzing: byte edits, token edits and structure
 * edits, driven by a seeded generator so every failure can be replayed from its case number.
 */

export class Random {
  constructor(private state: number) {}
  next(): number {
    // xorshift32: fast, deterministic, good enough to spread edits around.
    let x = this.state || 1;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state / 0x100000000;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
}

const TOKENS = [
  '', ' ', '\n', '\t', ':', ': ', '- ', '#', '[', ']', '{', '}', ',', '"', "'", '&a ', '*a', '<<: *a', '!!python/object:os.system ', '|', '>', '~', 'null', 'true',
  'no', 'yes', '1e-4', '1.0e+10', '-1', '0', '999999999999999999999', 'NaN', '.inf', '0x1F', '\u0000', '\r\n', '🦙', '\ufeff', 'r', 'lora_r', 'peft_type', 'LORA',
  'target_modules', 'q_proj', 'all-linear', 'adapter', 'qlora', '_component_', 'torchtune.models.llama3_2.lora_llama3_2_1b', 'finetuning_type', 'use_peft',
  'base_model', '${output_dir}', '../../etc/passwd', 'x'.repeat(300),
];

export type MutationKind = 'byte' | 'token' | 'structure';

/** One mutated copy of `text`: 1-4 edits of the chosen kind. */
export function mutate(text: string, rnd: Random): { text: string; kind: MutationKind } {
  const kind = rnd.pick<MutationKind>(['byte', 'token', 'structure']);
  let out = text;
  const edits = 1 + rnd.int(4);
  for (let i = 0; i < edits; i++) {
    if (kind === 'byte') out = byteEdit(out, rnd);
    else if (kind === 'token') out = tokenEdit(out, rnd);
    else out = structureEdit(out, rnd);
  }
  return { text: out, kind };
}

function byteEdit(text: string, rnd: Random): string {
  const at = rnd.int(text.length + 1);
  const ch = String.fromCharCode(rnd.int(0x80));
  switch (rnd.int(3)) {
    case 0:
      return text.slice(0, at) + ch + text.slice(at);
    case 1:
      return text.slice(0, at) + text.slice(at + 1);
    default:
      return text.slice(0, at) + ch + text.slice(at + 1);
  }
}

function tokenEdit(text: string, rnd: Random): string {
  const words = [...text.matchAll(/[\w.${}/-]+|[:\[\]{},"'#&*!|>-]/g)];
  const token = rnd.pick(TOKENS);
  if (words.length === 0 || rnd.int(4) === 0) {
    const at = rnd.int(text.length + 1);
    return text.slice(0, at) + token + text.slice(at);
  }
  const w = rnd.pick(words);
  const start = w.index ?? 0;
  return text.slice(0, start) + token + text.slice(start + w[0].length);
}

function structureEdit(text: string, rnd: Random): string {
  const lines = text.split('\n');
  const i = rnd.int(lines.length);
  switch (rnd.int(6)) {
    case 0:
      lines.splice(i, 1);
      break;
    case 1:
      lines.splice(i, 0, lines[rnd.int(lines.length)]);
      break;
    case 2:
      lines[i] = `  ${lines[i]}`;
      break;
    case 3:
      lines[i] = lines[i].replace(/^ {1,2}/, '');
      break;
    case 4: {
      const j = rnd.int(lines.length);
      [lines[i], lines[j]] = [lines[j], lines[i]];
      break;
    }
    default:
      lines.splice(i, 0, `${'  '.repeat(rnd.int(4))}${rnd.pick(TOKENS)}: ${rnd.pick(TOKENS)}`);
  }
  return lines.join('\n');
}

/** Numbers a hostile or careless config holds: infinities, overflow, zero, negatives, fractions, quoted. */
export const EXTREME_NUMBERS = ['.inf', '-.inf', '.nan', '1e999', '9'.repeat(400), '1e308', '1.0e+300', '123456789012345678901', '-1', '0', '0.5', '"32"', '"1e999"', '2147483648'];

/**
 * Replaces one number written in the text (a `key: 12` or `"key": 12` value) with an extreme one;
 * the text is returned unchanged when it holds no number.
 */
export function injectExtremeNumber(text: string, rnd: Random): { text: string; key?: string; value?: string } {
  const numbers = [...text.matchAll(/("?)([A-Za-z_][\w.]*)\1:[ \t]*(-?\d[\d_.eE+-]*)[ \t]*(?=[,\n}\r#]|$)/g)];
  if (numbers.length === 0) return { text };
  const hit = rnd.pick(numbers);
  const value = rnd.pick(EXTREME_NUMBERS);
  const start = hit.index! + hit[0].lastIndexOf(hit[3]);
  return { text: text.slice(0, start) + value + text.slice(start + hit[3].length), key: hit[2], value };
}
