/**
 * One builder for the dense decoders that differ from Llama only in names, biases and norms
 * (StarCoder2, StableLM, Cohere, OLMo 2/3, GLM-4, Hunyuan, Seed-OSS, Nemotron, Apertus, AFM...):
 * `model.embed_tokens`, `model.layers.N.{self_attn, mlp, norms}`, `model.norm`, `lm_head`.
 * Each family is a `DecoderSpec` (denseFamilies.ts) read against transformers 5.17's modeling code.
 */
import type { ConfigReader } from '../configReader';
import { Inventory } from '../inventory';
import type { ModelHead } from '../types';
import { addDecoderHead } from './heads';
import type { Family, FamilyBuild } from './types';
import { HEAD_SUFFIX } from './types';

export type NormKind = 'RMSNorm' | 'LayerNorm' | 'LayerNormNoBias';

export interface DecoderSpec {
  /** transformers class prefix (`Starcoder2` → Starcoder2ForCausalLM). */
  prefix: string;
  defaults: Record<string, unknown>;
  heads?: ModelHead[];
  norm: NormKind;
  /** Per-layer norms over the hidden width, by module name. */
  layerNorms: (cfg: ConfigReader) => string[];
  /** Biases of q/k/v and of the output projection. */
  attnBias: (cfg: ConfigReader) => { qkv: boolean; o: boolean };
  /** q/k norms: per head (width head_dim) or over all heads (OLMo 2), under these names. */
  qkNorm?: (cfg: ConfigReader) => { names: [string, string]; width: 'head' | 'all'; kind: NormKind } | undefined;
  /** 'gated': gate/up/down; 'fused': gate_up_proj + down_proj; a pair of names: a plain two-layer MLP. */
  mlp: 'gated' | 'fused' | [string, string];
  mlpBias: (cfg: ConfigReader) => boolean;
  /** Parameters a layer's activation owns (Apertus' xIELU), as module name → tensor names of one element. */
  activationParams?: { module: string; className: string; tensors: string[] };
  tieDefault: boolean;
}

export function decoderFamily(spec: DecoderSpec): Family {
  return {
    heads: spec.heads ?? ['causal-lm', 'seq-cls', 'token-cls', 'base'],
    defaults: spec.defaults,
    build: (cfg, head) => buildDecoder(cfg, head, spec),
  };
}

function addNorm(inv: Inventory, name: string, width: number, kind: NormKind): void {
  if (kind === 'LayerNormNoBias') inv.norm(name, width, 'LayerNorm', false);
  else inv.norm(name, width, kind);
}

function buildDecoder(cfg: ConfigReader, head: ModelHead, s: DecoderSpec): FamilyBuild {
  const H = cfg.num('hidden_size');
  const L = cfg.num('num_hidden_layers');
  const nh = cfg.num('num_attention_heads');
  const nkv = cfg.optNum('num_key_value_heads') ?? nh;
  const hd = cfg.optNum('head_dim') ?? Math.floor(H / nh);
  const I = cfg.num('intermediate_size');
  const V = cfg.num('vocab_size');
  const tie = cfg.bool('tie_word_embeddings', s.tieDefault);
  const bias = s.attnBias(cfg);
  const mlpBias = s.mlpBias(cfg);
  const qk = s.qkNorm?.(cfg);
  const norms = s.layerNorms(cfg);
  const base = head === 'base' ? '' : 'model.';
  const inv = new Inventory();
  inv.embedding(`${base}embed_tokens`, V, H);
  for (let i = 0; i < L; i++) {
    const p = `${base}layers.${i}`;
    inv.container(p, `${s.prefix}DecoderLayer`);
    inv.container(`${p}.self_attn`, `${s.prefix}Attention`);
    inv.linear(`${p}.self_attn.q_proj`, H, nh * hd, bias.qkv);
    inv.linear(`${p}.self_attn.k_proj`, H, nkv * hd, bias.qkv);
    inv.linear(`${p}.self_attn.v_proj`, H, nkv * hd, bias.qkv);
    inv.linear(`${p}.self_attn.o_proj`, nh * hd, H, bias.o);
    if (qk) {
      addNorm(inv, `${p}.self_attn.${qk.names[0]}`, qk.width === 'head' ? hd : nh * hd, qk.kind);
      addNorm(inv, `${p}.self_attn.${qk.names[1]}`, qk.width === 'head' ? hd : nkv * hd, qk.kind);
    }
    inv.container(`${p}.mlp`, `${s.prefix}MLP`);
    if (s.mlp === 'gated') {
      inv.linear(`${p}.mlp.gate_proj`, H, I, mlpBias);
      inv.linear(`${p}.mlp.up_proj`, H, I, mlpBias);
      inv.linear(`${p}.mlp.down_proj`, I, H, mlpBias);
    } else if (s.mlp === 'fused') {
      inv.linear(`${p}.mlp.gate_up_proj`, H, 2 * I, mlpBias);
      inv.linear(`${p}.mlp.down_proj`, I, H, mlpBias);
    } else {
      inv.linear(`${p}.mlp.${s.mlp[0]}`, H, I, mlpBias);
      inv.linear(`${p}.mlp.${s.mlp[1]}`, I, H, mlpBias);
    }
    if (s.activationParams) {
      const a = s.activationParams;
      inv.params(`${p}.mlp.${a.module}`, a.className, a.tensors.map((name) => ({ name, shape: [1] })));
    }
    for (const n of norms) addNorm(inv, `${p}.${n}`, H, s.norm);
  }
  addNorm(inv, `${base}norm`, H, s.norm);
  const outputEmbedding = addDecoderHead(inv, cfg, head, { hidden: H, vocab: V, tie, embed: `${base}embed_tokens`, lmBias: false });
  return {
    className: `${s.prefix}${HEAD_SUFFIX[head]}`,
    modules: inv.build(),
    inputEmbedding: `${base}embed_tokens`,
    outputEmbedding,
    numbers: { hiddenSize: H, numLayers: L, numHeads: nh, numKvHeads: nkv, headDim: hd, intermediateSize: I, vocabSize: V, tieWordEmbeddings: tie, maxPositions: cfg.optNum('max_position_embeddings') },
  };
}
