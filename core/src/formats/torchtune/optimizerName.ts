/**
 * The optimizer component in the vocabulary the other formats use (the `optim` names of Hugging Face
 * TrainingArguments, which axolotl, LLaMA-Factory and TRL share), so the memory estimate reads one
 * set of names: torch.optim.AdamW → adamw_torch (adamw_torch_fused with `fused: True`),
 * bitsandbytes.optim.PagedAdamW8bit → paged_adamw_8bit, torchao.optim.AdamW8bit → adamw_torch_8bit.
 * Anything else keeps its dotted path.
 */

export function optimizerName(path: string, fused: boolean): string {
  const [, lib, cls] = /^(torch\.optim|bitsandbytes\.optim|torchao\.optim|torchao\.prototype\.low_bit_optim)\.(\w+)$/.exec(path) ?? [];
  if (!lib) return path;
  if (lib === 'torch.optim') return torchName(cls, fused);
  if (lib === 'bitsandbytes.optim') return bitsandbytesName(cls) ?? path;
  return torchaoName(cls) ?? path;
}

function torchName(cls: string, fused: boolean): string {
  const base = cls.toLowerCase();
  if (base === 'adamw') return fused ? 'adamw_torch_fused' : 'adamw_torch';
  return base;
}

function bitsandbytesName(cls: string): string | undefined {
  const m = /^(Paged)?(AdamW|Adam|Lion|SGD|RMSprop|Adagrad|LAMB|LARS)(8bit|32bit)?$/.exec(cls);
  if (!m) return undefined;
  const [, paged, base, bits = '32bit'] = m;
  const name = base.toLowerCase();
  if (paged) return `paged_${name}_${bits}`;
  if (name === 'lion') return `lion_${bits}`;
  return `${name}_bnb_${bits}`;
}

function torchaoName(cls: string): string | undefined {
  const m = /^_?(AdamW|Adam)(4bit|8bit|Fp8)?$/.exec(cls);
  if (!m) return undefined;
  const [, base, bits] = m;
  return `${base.toLowerCase()}_torch${bits ? `_${bits.toLowerCase()}` : ''}`;
}
