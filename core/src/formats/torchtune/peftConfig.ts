/**
 * The PEFT LoraConfig a torchtune LoRA builder block amounts to. Names follow torchtune's own export
 * (`tune_to_peft_adapter_config`): q/k/v_proj stay, output_proj → o_proj, the MLP's w1/w2/w3 →
 * gate_proj/down_proj/up_proj, output → lm_head. Phi-3 and Phi-4 checkpoints on the Hub fuse q/k/v
 * (qkv_proj) and gate/up (gate_up_proj), which torchtune splits: there the mapping is not exact.
 */
import type { ConfigDoc } from '../../document';
import type { Sourced } from '../../plan';
import { assumed, derive, isBoolean, isNumber, sourced } from '../extractHelpers';
import type { ComponentEntry } from './catalog';
import { catalog, paramOf } from './catalog';

export interface PeftView {
  peft: Record<string, unknown>;
  peftSources: Record<string, Sourced<unknown>>;
  extra: Record<string, Sourced<unknown>>;
}

const FUSED_FAMILIES = new Set(['phi3', 'phi4']);
const ATTN_TO_HF: Record<string, string> = { q_proj: 'q_proj', k_proj: 'k_proj', v_proj: 'v_proj', output_proj: 'o_proj' };

const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
const isRank = (v: unknown): v is number => isNumber(v) || (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)));

/** A builder argument: from the file, or the builder's default (an assumption that says so). */
function argument<T>(doc: ConfigDoc, entry: ComponentEntry, name: string, accept: (v: unknown) => v is T): Sourced<T> | undefined {
  const written = sourced(doc, ['model', name], accept);
  if (written) return written;
  const param = paramOf(entry, name);
  return param && accept(param.default) ? assumed(param.default, `not set: \`${name}\` defaults to ${JSON.stringify(param.default)} in the builder`) : undefined;
}

export function peftView(doc: ConfigDoc, entry: ComponentEntry): PeftView {
  const rank = argument(doc, entry, 'lora_rank', isRank);
  const alpha = argument(doc, entry, 'lora_alpha', isRank);
  const dropout = argument(doc, entry, 'lora_dropout', isRank);
  const dora = argument(doc, entry, 'use_dora', isBoolean);
  const attn = sourced(doc, ['model', 'lora_attn_modules'], isStringList) ?? assumed<string[]>([], 'no `lora_attn_modules`: the builder requires it');
  const mlp = argument(doc, entry, 'apply_lora_to_mlp', isBoolean);
  const output = entry.apply_lora_to_output === 'absent' ? undefined : argument(doc, entry, 'apply_lora_to_output', isBoolean);
  const native = [
    ...attn.value.filter((m) => catalog().lora_attn_modules.includes(m)),
    ...(mlp?.value ? ['w1', 'w2', 'w3'] : []),
    ...(output?.value ? ['output'] : []),
  ];
  const targets = hfTargets(native, entry.family);
  const peft: Record<string, unknown> = { peft_type: 'LORA', task_type: 'CAUSAL_LM', target_modules: targets };
  const peftSources: Record<string, Sourced<unknown>> = { target_modules: derive(attn, targets) };
  const put = (key: string, s: Sourced<unknown> | undefined, map: (v: unknown) => unknown = (v) => v) => {
    if (!s) return;
    peft[key] = map(s.value);
    peftSources[key] = s;
  };
  put('r', rank, Number);
  put('lora_alpha', alpha, Number);
  put('lora_dropout', dropout, Number);
  if (dora?.value) put('use_dora', dora);
  return { peft, peftSources, extra: notes(attn, native, entry, mlp, output) };
}

function hfTargets(native: string[], family: string | undefined): string[] {
  const fused = family !== undefined && FUSED_FAMILIES.has(family);
  const out = new Set<string>();
  for (const m of native) {
    if (m in ATTN_TO_HF) out.add(fused && m !== 'output_proj' ? 'qkv_proj' : ATTN_TO_HF[m]);
    else if (m === 'w2') out.add('down_proj');
    else if (m === 'w1' || m === 'w3') out.add(fused ? 'gate_up_proj' : m === 'w1' ? 'gate_proj' : 'up_proj');
    else if (m === 'output') out.add('lm_head');
  }
  return [...out];
}

function notes(attn: Sourced<string[]>, native: string[], entry: ComponentEntry, mlp?: Sourced<boolean>, output?: Sourced<boolean>): Record<string, Sourced<unknown>> {
  const extra: Record<string, Sourced<unknown>> = {
    loraModules: derive(attn, native),
  };
  if (mlp) extra.applyLoraToMlp = mlp;
  if (output) extra.applyLoraToOutput = output;
  const caveats: string[] = [];
  if (entry.family && FUSED_FAMILIES.has(entry.family)) {
    caveats.push('the Hub checkpoint fuses q/k/v into qkv_proj and gate/up into gate_up_proj, which torchtune adapts separately (one LoRA pair each), so a PEFT adapter on the fused layers has fewer A matrices');
  }
  if (entry.multimodal) caveats.push('a multimodal builder: the encoder/fusion trainability (`encoder_trainable`, `fusion_trainable`) has no PEFT LoraConfig equivalent');
  const ignored = attn.value.filter((m) => !catalog().lora_attn_modules.includes(m));
  if (ignored.length) caveats.push(`${ignored.join(', ')} ${ignored.length > 1 ? 'are' : 'is'} not a torchtune module name and gets no adapter`);
  if (caveats.length) extra.notExact = derive(attn, caveats.join('; '));
  return extra;
}
