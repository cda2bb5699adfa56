/**
 * Gemma 4 (`model_type: gemma4`, Gemma4ForConditionalGeneration), module by module as transformers 5's
 * models/gemma4 builds it (read at modeling_gemma4.py 0246b4f and configuration_gemma4.py 008e574, the
 * copies the search index holds: the v5.17 tag's snapshot is too large to fetch here; every total below
 * matches a count published for the released checkpoints):
 * - the language model under `model.language_model`: sliding and full-attention layers with their own
 *   head widths (`head_dim`, `global_head_dim`); with `attention_k_eq_v` the full layers have
 *   `num_global_key_value_heads` and no v_proj (the keys are the values); the last
 *   `num_kv_shared_layers` layers reuse earlier layers' keys and values, so they have no k/v
 *   projections or norms, and with `use_double_wide_mlp` their MLP is twice as wide; per-layer
 *   embeddings (`hidden_size_per_layer_input`: a packed embedding table, a projection and a norm, and a
 *   gate, a projection and a norm in every layer); with `enable_moe_block` every layer runs a routed
 *   mixture of experts (fused 3-D parameters) beside its dense MLP;
 * - the vision tower under `model.vision_tower` and the audio tower under `model.audio_tower`, each
 *   only when the config has one, whose projections are `Gemma4ClippableLinear` wrappers around an
 *   nn.Linear named `linear`;
 * - `model.embed_vision` / `model.embed_audio`, a scale-free RMSNorm and one projection into the text
 *   width; lm_head tied to the text embeddings.
 * RMSNorms built `with_scale=False` (v_norm, the router's norm, the embedders' norms) and the decoder
 * layers' `layer_scalar` hold no parameters (the scalar is a buffer, which the Hub's safetensors total
 * counts and the class's parameters do not).
 */
import type { ConfigReader } from '../configReader';
import { Inventory } from '../inventory';
import type { ModelHead } from '../types';
import { addLmHead, nested, recordReads } from './multimodal';
import type { ArchitectureNumbers, Family, FamilyBuild } from './types';

/** Gemma4TextConfig's class defaults; `global_head_dim` is a kwarg defaulting to 512. */
export const GEMMA4_TEXT_DEFAULTS = {
  vocab_size: 262144,
  hidden_size: 2304,
  intermediate_size: 9216,
  num_hidden_layers: 30,
  num_attention_heads: 8,
  num_key_value_heads: 4,
  head_dim: 256,
  global_head_dim: 512,
  max_position_embeddings: 131072,
  tie_word_embeddings: true,
  attention_bias: false,
  sliding_window: 512,
  vocab_size_per_layer_input: 262144,
  hidden_size_per_layer_input: 256,
  attention_k_eq_v: false,
  num_kv_shared_layers: 0,
  enable_moe_block: false,
  use_double_wide_mlp: false,
};

/** Gemma4VisionConfig's class defaults. */
const GEMMA4_VISION_DEFAULTS = { hidden_size: 768, intermediate_size: 3072, num_hidden_layers: 16, num_attention_heads: 12, num_key_value_heads: 12, head_dim: 64, patch_size: 16, position_embedding_size: 10240 };

/** Gemma4AudioConfig's class defaults. */
const GEMMA4_AUDIO_DEFAULTS = { hidden_size: 1024, num_hidden_layers: 12, num_attention_heads: 8, subsampling_conv_channels: [128, 32], conv_kernel_size: 5, output_proj_dims: 1536 };

export const CLIPPABLE_NOTE =
  'Gemma 4 towers wrap each projection in Gemma4ClippableLinear: PEFT adapts the nn.Linear inside it (`….q_proj.linear`, which `all-linear` and a regex reaching the towers select), and stops with "Target module ... is not supported" where a name matches the wrapper itself (`q_proj` inside the towers).';

export const gemma4Family: Family = {
  heads: ['causal-lm'],
  defaults: { tie_word_embeddings: true },
  build: buildGemma4,
};

function buildGemma4(cfg: ConfigReader, _head: ModelHead): FamilyBuild {
  const text = nested(cfg, 'text_config', GEMMA4_TEXT_DEFAULTS);
  const inv = new Inventory();
  const lm = 'model.language_model.';
  const d = addGemma4Text(inv, text, lm);
  const readers = [text];
  const notes: string[] = [];
  // Gemma4Model builds a tower and its embedder only where the config has that sub-config.
  for (const [key, add, embed] of [
    ['vision_config', addVisionTower, 'model.embed_vision'],
    ['audio_config', addAudioTower, 'model.embed_audio'],
  ] as const) {
    if (!cfg.raw[key] || typeof cfg.raw[key] !== 'object') continue;
    const sub = nested(cfg, key, key === 'vision_config' ? GEMMA4_VISION_DEFAULTS : GEMMA4_AUDIO_DEFAULTS);
    const width = add(inv, sub);
    inv.linear(`${embed}.embedding_projection`, width, d.numbers.hiddenSize, false);
    readers.push(sub);
    if (!notes.includes(CLIPPABLE_NOTE)) notes.push(CLIPPABLE_NOTE);
  }
  // Gemma4ForConditionalGeneration declares lm_head tied to the text embeddings.
  const outputEmbedding = addLmHead(inv, 'lm_head', `${lm}embed_tokens`, d.numbers.hiddenSize, d.numbers.vocabSize, true);
  recordReads(cfg, ...readers);
  return {
    className: 'Gemma4ForConditionalGeneration',
    modules: inv.build(),
    inputEmbedding: `${lm}embed_tokens`,
    outputEmbedding,
    numbers: d.numbers,
    notes: [...notes, ...d.notes],
  };
}

export interface Gemma4Text {
  numbers: ArchitectureNumbers;
  notes: string[];
}

/** A count the file may write as null to switch a feature off (`hidden_size_per_layer_input: null`). */
function countOrOff(cfg: ConfigReader, key: string): number {
  return cfg.raw[key] === null ? 0 : cfg.num(key);
}

/** Gemma4TextConfig.__post_init__: 5 sliding layers to 1 full when unlisted; the last layer is always full. */
function layerTypes(cfg: ConfigReader, L: number): string[] {
  const listed = cfg.list('layer_types');
  const types = listed.length === L ? listed.map(String) : Array.from({ length: L }, (_, i) => ((i + 1) % 6 ? 'sliding_attention' : 'full_attention'));
  types[L - 1] = 'full_attention';
  return types;
}

/**
 * Gemma4TextModel under `base`: embeddings, per-layer embeddings, the decoder layers, the final norm.
 * `prefix` names the classes; Gemma4Unified's text model (`Gemma4Unified`) is built without per-layer
 * embeddings or experts whatever the file says, since its config class refuses those keys.
 */
export function addGemma4Text(inv: Inventory, cfg: ConfigReader, base: string, prefix: 'Gemma4' | 'Gemma4Unified' = 'Gemma4'): Gemma4Text {
  const unified = prefix === 'Gemma4Unified';
  const H = cfg.num('hidden_size');
  const L = cfg.num('num_hidden_layers');
  const V = cfg.num('vocab_size');
  const nh = cfg.num('num_attention_heads');
  const nkv = cfg.num('num_key_value_heads');
  const hd = cfg.num('head_dim');
  const globalHd = cfg.optNum('global_head_dim') ?? hd;
  const I = cfg.num('intermediate_size');
  const kEqV = cfg.bool('attention_k_eq_v', false);
  const globalKv = kEqV ? cfg.num('num_global_key_value_heads') : nkv;
  const bias = cfg.bool('attention_bias', false);
  const ple = unified ? 0 : countOrOff(cfg, 'hidden_size_per_layer_input');
  const firstShared = L - countOrOff(cfg, 'num_kv_shared_layers');
  const doubleWide = cfg.bool('use_double_wide_mlp', false);
  const moe = !unified && cfg.bool('enable_moe_block', false);
  const types = layerTypes(cfg, L);

  inv.embedding(`${base}embed_tokens`, V, H);
  if (ple) {
    inv.embedding(`${base}embed_tokens_per_layer`, cfg.num('vocab_size_per_layer_input'), L * ple);
    inv.linear(`${base}per_layer_model_projection`, H, L * ple, false);
    inv.norm(`${base}per_layer_projection_norm`, ple, 'RMSNorm');
  }
  for (let i = 0; i < L; i++) {
    const p = `${base}layers.${i}`;
    const full = types[i] === 'full_attention';
    const d = full ? globalHd : hd;
    const kvHeads = full && kEqV ? globalKv : nkv;
    inv.container(p, `${prefix}TextDecoderLayer`);
    inv.container(`${p}.self_attn`, `${prefix}TextAttention`);
    inv.linear(`${p}.self_attn.q_proj`, H, nh * d, bias);
    inv.norm(`${p}.self_attn.q_norm`, d, 'RMSNorm');
    if (i < firstShared) {
      inv.norm(`${p}.self_attn.k_norm`, d, 'RMSNorm');
      inv.linear(`${p}.self_attn.k_proj`, H, kvHeads * d, bias);
      if (!(full && kEqV)) inv.linear(`${p}.self_attn.v_proj`, H, kvHeads * d, bias);
    }
    inv.linear(`${p}.self_attn.o_proj`, nh * d, H, bias);
    const width = doubleWide && i >= firstShared && firstShared > 0 ? 2 * I : I;
    inv.container(`${p}.mlp`, `${prefix}TextMLP`);
    inv.linear(`${p}.mlp.gate_proj`, H, width, false);
    inv.linear(`${p}.mlp.up_proj`, H, width, false);
    inv.linear(`${p}.mlp.down_proj`, width, H, false);
    for (const n of ['input_layernorm', 'post_attention_layernorm', 'pre_feedforward_layernorm', 'post_feedforward_layernorm']) inv.norm(`${p}.${n}`, H, 'RMSNorm');
    if (ple) {
      inv.linear(`${p}.per_layer_input_gate`, H, ple, false);
      inv.linear(`${p}.per_layer_projection`, ple, H, false);
      inv.norm(`${p}.post_per_layer_input_norm`, H, 'RMSNorm');
    }
    if (moe) addMoe(inv, cfg, p, H);
  }
  inv.norm(`${base}norm`, H, 'RMSNorm');
  const experts = moe ? { count: cfg.num('num_experts'), perToken: cfg.num('top_k_experts'), intermediateSize: cfg.num('moe_intermediate_size'), sharedIntermediateSize: I } : undefined;
  const notes = [
    `Gemma 4 layers differ: full-attention layers use ${globalHd}-wide heads${kEqV ? ` with ${globalKv} key/value heads and no v_proj` : ''}${firstShared < L ? `, and layers ${firstShared}-${L - 1} reuse earlier layers' keys and values (no k_proj/v_proj)` : ''}; the count follows each layer, the memory estimate sizes every layer's activations like a sliding-attention layer's (head_dim ${hd}, ${nkv} key/value heads).`,
  ];
  if (moe) notes.push("Gemma 4's routed experts are fused 3-D parameters (`experts.gate_up_proj`, `experts.down_proj`), which PEFT reaches only through target_parameters; the dense MLP beside them is made of nn.Linear layers.");
  return {
    numbers: { hiddenSize: H, numLayers: L, numHeads: nh, numKvHeads: nkv, headDim: hd, intermediateSize: I, vocabSize: V, tieWordEmbeddings: true, maxPositions: cfg.optNum('max_position_embeddings'), experts },
    notes,
  };
}

/** Gemma4TextRouter (a Linear and two scale vectors) and Gemma4TextExperts, with their three norms. */
function addMoe(inv: Inventory, cfg: ConfigReader, p: string, H: number): void {
  const E = cfg.num('num_experts');
  const mI = cfg.num('moe_intermediate_size');
  inv.params(`${p}.router`, 'Gemma4TextRouter', [
    { name: 'scale', shape: [H] },
    { name: 'per_expert_scale', shape: [E] },
  ]);
  inv.linear(`${p}.router.proj`, H, E, false);
  inv.params(`${p}.experts`, 'Gemma4TextExperts', [
    { name: 'gate_up_proj', shape: [E, 2 * mI, H] },
    { name: 'down_proj', shape: [E, H, mI] },
  ]);
  for (const n of ['post_feedforward_layernorm_1', 'post_feedforward_layernorm_2', 'pre_feedforward_layernorm_2']) inv.norm(`${p}.${n}`, H, 'RMSNorm');
}

/** Gemma4ClippableLinear: the wrapper module and the bias-free nn.Linear inside it. */
function clippable(inv: Inventory, name: string, inF: number, outF: number): void {
  inv.container(name, 'Gemma4ClippableLinear');
  inv.linear(`${name}.linear`, inF, outF, false);
}

/** Gemma4VisionModel: linear patch embedding with a 2-D position table, the encoder, a parameter-free pooler. */
function addVisionTower(inv: Inventory, v: ConfigReader): number {
  const p = 'model.vision_tower';
  inv.tower(p);
  const H = v.num('hidden_size');
  const I = v.num('intermediate_size');
  const nh = v.num('num_attention_heads');
  const nkv = v.num('num_key_value_heads');
  const hd = v.num('head_dim');
  const patch = v.num('patch_size');
  inv.params(`${p}.patch_embedder`, 'Gemma4VisionPatchEmbedder', [{ name: 'position_embedding_table', shape: [2, v.num('position_embedding_size'), H] }]);
  inv.linear(`${p}.patch_embedder.input_proj`, 3 * patch * patch, H, false);
  for (let i = 0; i < v.num('num_hidden_layers'); i++) {
    const l = `${p}.encoder.layers.${i}`;
    inv.container(l, 'Gemma4VisionEncoderLayer');
    clippable(inv, `${l}.self_attn.q_proj`, H, nh * hd);
    clippable(inv, `${l}.self_attn.k_proj`, H, nkv * hd);
    clippable(inv, `${l}.self_attn.v_proj`, H, nkv * hd);
    clippable(inv, `${l}.self_attn.o_proj`, nh * hd, H);
    inv.norm(`${l}.self_attn.q_norm`, hd, 'RMSNorm');
    inv.norm(`${l}.self_attn.k_norm`, hd, 'RMSNorm');
    clippable(inv, `${l}.mlp.gate_proj`, H, I);
    clippable(inv, `${l}.mlp.up_proj`, H, I);
    clippable(inv, `${l}.mlp.down_proj`, I, H);
    for (const n of ['input_layernorm', 'post_attention_layernorm', 'pre_feedforward_layernorm', 'post_feedforward_layernorm']) inv.norm(`${l}.${n}`, H, 'RMSNorm');
  }
  return H;
}

/**
 * Gemma4AudioModel (a Conformer): two strided Conv2d + LayerNorm subsampling stages and a projection,
 * then per layer two feed-forwards, chunked attention with a relative-position projection and a
 * per-dimension scale, a light depthwise Conv1d block and three norms; a biased output projection.
 */
function addAudioTower(inv: Inventory, a: ConfigReader): number {
  const p = 'model.audio_tower';
  inv.tower(p);
  const H = a.num('hidden_size');
  const nh = a.num('num_attention_heads');
  const hd = Math.floor(H / nh);
  const [c0, c1] = a.list('subsampling_conv_channels').map(Number);
  const kernel = a.num('conv_kernel_size');
  const out = a.num('output_proj_dims');
  const sub = `${p}.subsample_conv_projection`;
  inv.conv2d(`${sub}.layer0.conv`, 1, c0, 3, false);
  inv.norm(`${sub}.layer0.norm`, c0, 'LayerNorm', false);
  inv.conv2d(`${sub}.layer1.conv`, c0, c1, 3, false);
  inv.norm(`${sub}.layer1.norm`, c1, 'LayerNorm', false);
  inv.linear(`${sub}.input_proj_linear`, Math.floor(c0 / 4) * c1, H, false);
  for (let i = 0; i < a.num('num_hidden_layers'); i++) {
    const l = `${p}.layers.${i}`;
    inv.container(l, 'Gemma4AudioLayer');
    for (const ff of ['feed_forward1', 'feed_forward2']) {
      clippable(inv, `${l}.${ff}.ffw_layer_1`, H, 4 * H);
      clippable(inv, `${l}.${ff}.ffw_layer_2`, 4 * H, H);
      inv.norm(`${l}.${ff}.pre_layer_norm`, H, 'RMSNorm');
      inv.norm(`${l}.${ff}.post_layer_norm`, H, 'RMSNorm');
    }
    inv.params(`${l}.self_attn`, 'Gemma4AudioAttention', [{ name: 'per_dim_scale', shape: [hd] }]);
    for (const proj of ['q_proj', 'k_proj', 'v_proj']) clippable(inv, `${l}.self_attn.${proj}`, H, nh * hd);
    clippable(inv, `${l}.self_attn.post`, H, H);
    inv.linear(`${l}.self_attn.relative_k_proj`, H, nh * hd, false);
    clippable(inv, `${l}.lconv1d.linear_start`, H, 2 * H);
    clippable(inv, `${l}.lconv1d.linear_end`, H, H);
    // A depthwise nn.Conv1d (groups = hidden_size, no bias): weight [H, 1, kernel].
    inv.params(`${l}.lconv1d.depthwise_conv1d`, 'Gemma4AudioCausalConv1d', [{ name: 'weight', shape: [H, 1, kernel] }]);
    inv.norm(`${l}.lconv1d.pre_layer_norm`, H, 'RMSNorm');
    inv.norm(`${l}.lconv1d.conv_norm`, H, 'RMSNorm');
    for (const n of ['norm_pre_attn', 'norm_post_attn', 'norm_out']) inv.norm(`${l}.${n}`, H, 'RMSNorm');
  }
  inv.linear(`${p}.output_proj`, H, out, true);
  return out;
}
