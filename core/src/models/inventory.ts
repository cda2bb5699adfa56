/**
 * Builds a module inventory the way `named_modules()` lists it: leaf modules with their parameters,
 * plus every container on the way (`model`, `model.layers`, `model.layers.0`, ...), because PEFT
 * matches target names against all of them.
 */
import type { ModuleInfo, ModuleType, TensorInfo } from './types';

const LAYER_INDEX = /\.(\d+)(\.|$)/;

export class Inventory {
  private readonly leaves: ModuleInfo[] = [];
  private readonly classes = new Map<string, string>();
  private readonly towers: string[] = [];

  /**
   * Marks a side tower (a vision or audio encoder of a multimodal model): its blocks are numbered
   * too, but `layer` stands for the language model's decoder layers, which the memory estimate walks.
   */
  tower(prefix: string): void {
    this.towers.push(`${prefix}.`);
  }

  /** nn.Linear: weight [out, in], bias [out]; `className` for a subclass named otherwise (Llama4Router). */
  linear(name: string, inFeatures: number, outFeatures: number, bias: boolean, className?: string): void {
    const tensors: TensorInfo[] = [{ name: 'weight', shape: [outFeatures, inFeatures] }];
    if (bias) tensors.push({ name: 'bias', shape: [outFeatures] });
    this.add({ name, type: 'Linear', inFeatures, outFeatures, bias, tensors, ...(className ? { className } : {}) });
  }

  /** transformers Conv1D (GPT-2): weight stored as [in, out], always with a bias. */
  conv1d(name: string, inFeatures: number, outFeatures: number): void {
    const tensors = [{ name: 'weight', shape: [inFeatures, outFeatures] }, { name: 'bias', shape: [outFeatures] }];
    this.add({ name, type: 'Conv1D', inFeatures, outFeatures, bias: true, tensors });
  }

  embedding(name: string, rows: number, width: number): void {
    this.add({ name, type: 'Embedding', inFeatures: rows, outFeatures: width, bias: false, tensors: [{ name: 'weight', shape: [rows, width] }] });
  }

  /** LayerNorm (weight and, usually, bias) or RMSNorm-style norms (weight only). */
  norm(name: string, width: number, kind: 'LayerNorm' | 'RMSNorm', bias = kind === 'LayerNorm'): void {
    const tensors: TensorInfo[] = [{ name: 'weight', shape: [width] }];
    if (bias) tensors.push({ name: 'bias', shape: [width] });
    this.add({ name, type: kind, outFeatures: width, bias, tensors });
  }

  /** A module with raw parameters only (fused MoE experts, routers, projector matrices). */
  params(name: string, className: string, tensors: TensorInfo[], type: ModuleType = 'Parameter'): void {
    this.add({ name, type, className, bias: false, tensors });
  }

  conv2d(name: string, inChannels: number, outChannels: number, kernel: number, bias: boolean): void {
    const tensors: TensorInfo[] = [{ name: 'weight', shape: [outChannels, inChannels, kernel, kernel] }];
    if (bias) tensors.push({ name: 'bias', shape: [outChannels] });
    this.add({ name, type: 'Conv2d', inFeatures: inChannels, outFeatures: outChannels, bias, tensors });
  }

  /** nn.Conv3d (the video-patch embedding of the Qwen vision towers): weight [out, in, t, h, w]. */
  conv3d(name: string, inChannels: number, outChannels: number, kernel: [number, number, number], bias: boolean): void {
    const tensors: TensorInfo[] = [{ name: 'weight', shape: [outChannels, inChannels, ...kernel] }];
    if (bias) tensors.push({ name: 'bias', shape: [outChannels] });
    this.add({ name, type: 'Conv3d', inFeatures: inChannels, outFeatures: outChannels, bias, tensors });
  }

  /** A module whose weight is the same Parameter as another's (tied lm_head): counted once, under `to`. */
  tied(name: string, to: string, type: ModuleType, inFeatures: number, outFeatures: number, bias = false): void {
    const tensors = bias ? [{ name: 'bias', shape: [outFeatures] }] : [];
    this.add({ name, type, inFeatures, outFeatures, bias, tensors, tiedTo: to });
  }

  /** Names the transformers class of a container (`model.layers.0.mlp` → `LlamaMLP`), for messages. */
  container(name: string, className: string): void {
    this.classes.set(name, className);
  }

  build(): ModuleInfo[] {
    const out: ModuleInfo[] = [];
    const seen = new Set<string>();
    for (const leaf of this.leaves) {
      const parts = leaf.name.split('.');
      for (let i = 1; i < parts.length; i++) {
        const name = parts.slice(0, i).join('.');
        if (seen.has(name)) continue;
        seen.add(name);
        out.push(this.withLayer({ name, type: 'Other', className: this.classes.get(name), bias: false, params: 0, tensors: [] }));
      }
      seen.add(leaf.name);
      out.push(this.withLayer(leaf));
    }
    return out;
  }

  private add(m: Omit<ModuleInfo, 'params'>): void {
    const params = (m.tensors ?? []).reduce((sum, t) => sum + numel(t.shape), 0);
    this.leaves.push({ ...m, params });
  }

  private withLayer(m: ModuleInfo): ModuleInfo {
    if (this.towers.some((t) => m.name.startsWith(t))) return m;
    const match = LAYER_INDEX.exec(m.name);
    return match ? { ...m, layer: Number(match[1]) } : m;
  }
}

/** A module's own parameters; derived from its type and features when it was built without them. */
export function tensorsOf(m: ModuleInfo): TensorInfo[] {
  if (m.tensors) return m.tensors;
  const inF = m.inFeatures ?? 0;
  const outF = m.outFeatures ?? 0;
  const bias: TensorInfo[] = m.bias ? [{ name: 'bias', shape: [outF] }] : [];
  if (m.tiedTo) return bias;
  if (m.type === 'Linear') return [{ name: 'weight', shape: [outF, inF] }, ...bias];
  if (m.type === 'Conv1D') return [{ name: 'weight', shape: [inF, outF] }, ...bias];
  if (m.type === 'Embedding') return [{ name: 'weight', shape: [inF, outF] }];
  if (m.type === 'LayerNorm' || m.type === 'RMSNorm') return [{ name: 'weight', shape: [outF] }, ...bias];
  return [];
}

/** The input embedding's name, for architectures built without one recorded. */
export function inputEmbeddingOf(arch: { inputEmbedding?: string; modules: ModuleInfo[] }): string {
  return arch.inputEmbedding ?? arch.modules.find((m) => m.type === 'Embedding')?.name ?? 'embed_tokens';
}

export function numel(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

export function totalParams(modules: ModuleInfo[]): number {
  return modules.reduce((sum, m) => sum + m.params, 0);
}
