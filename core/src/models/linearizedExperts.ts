/**
 * axolotl's `llama4_linearized_experts` (0.18, monkeypatch/models/llama4/modeling.py): before the model
 * loads, Llama4TextExperts' fused 3-D `gate_up_proj` [E, H, 2I] and `down_proj` [E, I, H] become one
 * nn.Linear per expert in three ModuleLists, `experts.gate_projs.{e}` (H → I), `experts.up_projs.{e}`
 * (H → I) and `experts.down_projs.{e}` (I → H). The parameter count is unchanged, but PEFT can now
 * target each expert as a Linear and a bitsandbytes checkpoint quantizes them (it only replaces
 * nn.Linear), which is what axolotl's "Linearized-bnb-nf4" uploads store.
 */
import { buildArchitecture } from './architecture';
import { totalParams } from './inventory';
import { storedInventory, storedNote } from './prequantized';
import type { Architecture, ModuleInfo } from './types';

const LISTS: [string, (h: number, i: number) => [number, number]][] = [
  ['gate_projs', (h, i) => [h, i]],
  ['up_projs', (h, i) => [h, i]],
  ['down_projs', (h, i) => [i, h]],
];

function linearize(m: ModuleInfo): ModuleInfo[] {
  const gateUp = m.tensors?.find((t) => t.name === 'gate_up_proj');
  if (m.className !== 'Llama4TextExperts' || !gateUp) return [m];
  const [experts, hidden, twice] = gateUp.shape;
  const inner = twice / 2;
  const out: ModuleInfo[] = [{ ...m, type: 'Other', params: 0, tensors: [] }];
  for (const [list, dims] of LISTS) {
    out.push({ name: `${m.name}.${list}`, type: 'Other', className: 'ModuleList', bias: false, params: 0, tensors: [], layer: m.layer });
    const [inF, outF] = dims(hidden, inner);
    for (let e = 0; e < experts; e++) {
      out.push({ name: `${m.name}.${list}.${e}`, type: 'Linear', inFeatures: inF, outFeatures: outF, bias: false, params: inF * outF, tensors: [{ name: 'weight', shape: [outF, inF] }], layer: m.layer });
    }
  }
  return out;
}

const memo = new WeakMap<Architecture, Architecture>();

/** The architecture as axolotl loads it with `llama4_linearized_experts: true` (the same one for other models). */
export function withLinearizedExperts(arch: Architecture): Architecture {
  if (arch.modelType !== 'llama4') return arch;
  const hit = memo.get(arch);
  if (hit) return hit;
  // The per-expert Linears are what a quantization_config replaces, so it applies after linearizing.
  const { quantization_config: _stored, ...plain } = arch.config;
  const base = arch.prequantized ? buildArchitecture(plain, { id: arch.id, source: arch.source, file: arch.file }, arch.head) : arch;
  const { modules, stored } = storedInventory(arch.config, base.modules.flatMap(linearize), arch.outputEmbedding);
  const notes = [...(base.notes ?? []), "axolotl's llama4_linearized_experts: each expert is three nn.Linear modules (experts.gate_projs/up_projs/down_projs.N)", ...(stored ? [storedNote(stored)] : [])];
  const out: Architecture = { ...arch, modules, totalParams: totalParams(modules), notes, ...(stored ? { prequantized: stored } : {}) };
  memo.set(arch, out);
  return out;
}
