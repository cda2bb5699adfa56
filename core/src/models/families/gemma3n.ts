/**
 * Gemma 3n (`model_type: gemma3n`, Gemma3nForConditionalGeneration), module by module as transformers 5's
 * models/gemma3n builds it (read at modeling_gemma3n.py 00aa0f5 and configuration_gemma3n.py 0185480, the
 * copies the search index holds; timm's models/mobilenetv5.py at 0bae8f2):
 * - the language model under `model.language_model`: every decoder layer has its own q/k/v/o (KV-shared
 *   layers keep their k/v projections; they only reuse the cache), a per-layer MLP width
 *   (`intermediate_size` may list one per layer), AltUp (a router Linear, two small coefficient Linears,
 *   a norm and an output scale), a Laurel low-rank residual (`laurel_rank`) and the per-layer-embedding
 *   gate and projection; the model adds the packed per-layer embedding table, its projection and norm,
 *   and `altup_num_inputs - 1` up- and down-projections of the residual streams;
 * - the vision tower `model.vision_tower.timm_model`, a TimmWrapperModel around timm's
 *   `mobilenetv5_300m_enc` (timm models/mobilenetv5.py: a biased 3×3 stem, edge-residual,
 *   universal-inverted-residual and multi-query-attention blocks made of Conv2d layers with RMSNorm2d
 *   norms and layer scales, and a multi-scale fusion adapter over the last two stages), which has no
 *   nn.Linear;
 * - the audio tower `model.audio_tower`, a Conformer: two Conv2d + cumulative group-norm subsampling
 *   stages and a projection, then per block two feed-forwards, chunked attention with a relative-position
 *   projection and a per-dimension scale, a light depthwise Conv1d block and norms;
 * - `model.embed_vision` / `model.embed_audio`: an embedding table of the modality's own tokens, two
 *   norms and a projection into the text width; lm_head tied to the text embeddings.
 * RMSNorms built `with_scale=False` (v_norm, the embedders' post-projection norms) hold a buffer, not a
 * parameter.
 */
import { ModelConfigError } from '../configReader';
import type { ConfigReader } from '../configReader';
import { Inventory } from '../inventory';
import type { ModelHead } from '../types';
import { addLmHead, nested, recordReads } from './multimodal';
import type { Family, FamilyBuild } from './types';

/** Gemma3nTextConfig's class defaults (they describe gemma-3n-E4B). */
const TEXT_DEFAULTS = {
  vocab_size: 262400,
  hidden_size: 2048,
  intermediate_size: 16384,
  num_hidden_layers: 35,
  num_attention_heads: 8,
  num_key_value_heads: 2,
  head_dim: 256,
  max_position_embeddings: 32768,
  tie_word_embeddings: true,
  attention_bias: false,
  sliding_window: 512,
  vocab_size_per_layer_input: 262144,
  hidden_size_per_layer_input: 256,
  altup_num_inputs: 4,
  num_kv_shared_layers: 15,
  laurel_rank: 64,
};
const VISION_DEFAULTS = { architecture: 'mobilenetv5_300m_enc', hidden_size: 2048, vocab_size: 128 };
const AUDIO_DEFAULTS = {
  vocab_size: 128,
  input_feat_size: 128,
  hidden_size: 1536,
  conf_num_attention_heads: 8,
  conf_num_hidden_layers: 12,
  conf_conv_kernel_size: 5,
  sscp_conv_channel_size: [128, 32],
  sscp_conv_kernel_size: [
    [3, 3],
    [3, 3],
  ],
  sscp_conv_stride_size: [
    [2, 2],
    [2, 2],
  ],
};

export const GEMMA3N_NOTES = [
  "Gemma 3n's vision tower (timm's MobileNetV5) is all Conv2d: `all-linear` leaves it out, and its depthwise convolutions are counted as parameters no target name reaches.",
  "Gemma 3n's memory estimate sizes one residual stream per layer; AltUp carries altup_num_inputs of them, and the per-layer embeddings, Laurel and AltUp activations are not modelled.",
];

export const gemma3nFamily: Family = {
  heads: ['causal-lm'],
  defaults: { tie_word_embeddings: true },
  build: buildGemma3n,
};

function buildGemma3n(cfg: ConfigReader, _head: ModelHead): FamilyBuild {
  // Gemma3nConfig builds every sub-config with its class defaults when the file leaves it out.
  const text = nested(cfg, 'text_config', TEXT_DEFAULTS);
  const vision = nested(cfg, 'vision_config', VISION_DEFAULTS);
  const audio = nested(cfg, 'audio_config', AUDIO_DEFAULTS);
  const inv = new Inventory();
  const lm = 'model.language_model.';
  const d = addText(inv, text, lm);
  const arch = vision.str('architecture', 'mobilenetv5_300m_enc');
  if (arch !== 'mobilenetv5_300m_enc') throw new ModelConfigError("gemma3n's vision_config.architecture is not timm's mobilenetv5_300m_enc, the only tower peft-lens builds for it");
  addMobileNetV5(inv, 'model.vision_tower.timm_model');
  const audioWidth = addAudioTower(inv, audio);
  addEmbedder(inv, 'model.embed_vision', vision.num('vocab_size'), vision.num('hidden_size'), d.H);
  addEmbedder(inv, 'model.embed_audio', audio.num('vocab_size'), audioWidth, d.H);
  const outputEmbedding = addLmHead(inv, 'lm_head', `${lm}embed_tokens`, d.H, d.V, true);
  recordReads(cfg, text, vision, audio);
  return {
    className: 'Gemma3nForConditionalGeneration',
    modules: inv.build(),
    inputEmbedding: `${lm}embed_tokens`,
    outputEmbedding,
    numbers: { hiddenSize: d.H, numLayers: d.L, numHeads: d.nh, numKvHeads: d.nkv, headDim: d.hd, intermediateSize: d.I, vocabSize: d.V, tieWordEmbeddings: true, maxPositions: text.optNum('max_position_embeddings') },
    notes: GEMMA3N_NOTES,
  };
}

/** Gemma3nTextModel under `base`. */
function addText(inv: Inventory, cfg: ConfigReader, base: string) {
  const H = cfg.num('hidden_size');
  const L = cfg.num('num_hidden_layers');
  const V = cfg.num('vocab_size');
  const nh = cfg.num('num_attention_heads');
  const nkv = cfg.num('num_key_value_heads');
  const hd = cfg.num('head_dim');
  const ple = cfg.num('hidden_size_per_layer_input');
  const alt = cfg.num('altup_num_inputs');
  const rank = cfg.num('laurel_rank');
  const bias = cfg.bool('attention_bias', false);
  const listed = cfg.list('intermediate_size');
  const widths = listed.length === L ? listed.map(Number) : Array.from({ length: L }, () => cfg.num('intermediate_size'));
  if (!widths.every((w) => Number.isInteger(w) && w > 0 && w <= 2 ** 22)) throw new ModelConfigError('config.json has no usable `text_config.intermediate_size`');
  inv.embedding(`${base}embed_tokens`, V, H);
  for (let i = 0; i < L; i++) {
    const p = `${base}layers.${i}`;
    const I = widths[i];
    inv.container(p, 'Gemma3nTextDecoderLayer');
    inv.container(`${p}.self_attn`, 'Gemma3nTextAttention');
    inv.linear(`${p}.self_attn.q_proj`, H, nh * hd, bias);
    inv.linear(`${p}.self_attn.k_proj`, H, nkv * hd, bias);
    inv.linear(`${p}.self_attn.v_proj`, H, nkv * hd, bias);
    inv.linear(`${p}.self_attn.o_proj`, nh * hd, H, bias);
    inv.norm(`${p}.self_attn.q_norm`, hd, 'RMSNorm');
    inv.norm(`${p}.self_attn.k_norm`, hd, 'RMSNorm');
    inv.container(`${p}.mlp`, 'Gemma3nTextMLP');
    inv.linear(`${p}.mlp.gate_proj`, H, I, false);
    inv.linear(`${p}.mlp.up_proj`, H, I, false);
    inv.linear(`${p}.mlp.down_proj`, I, H, false);
    for (const n of ['input_layernorm', 'post_attention_layernorm', 'pre_feedforward_layernorm', 'post_feedforward_layernorm']) inv.norm(`${p}.${n}`, H, 'RMSNorm');
    inv.params(`${p}.altup`, 'Gemma3nTextAltUp', [{ name: 'correct_output_scale', shape: [H] }]);
    inv.linear(`${p}.altup.correction_coefs`, alt, alt, false);
    inv.linear(`${p}.altup.prediction_coefs`, alt, alt * alt, false);
    inv.linear(`${p}.altup.modality_router`, H, alt, false);
    inv.norm(`${p}.altup.router_norm`, H, 'RMSNorm');
    inv.container(`${p}.laurel`, 'Gemma3nTextLaurelBlock');
    inv.linear(`${p}.laurel.linear_left`, H, rank, false);
    inv.linear(`${p}.laurel.linear_right`, rank, H, false);
    inv.norm(`${p}.laurel.post_laurel_norm`, H, 'RMSNorm');
    inv.linear(`${p}.per_layer_input_gate`, H, ple, false);
    inv.linear(`${p}.per_layer_projection`, ple, H, false);
    inv.norm(`${p}.post_per_layer_input_norm`, H, 'RMSNorm');
  }
  inv.norm(`${base}norm`, H, 'RMSNorm');
  inv.embedding(`${base}embed_tokens_per_layer`, cfg.num('vocab_size_per_layer_input'), L * ple);
  inv.linear(`${base}per_layer_model_projection`, H, L * ple, false);
  inv.norm(`${base}per_layer_projection_norm`, ple, 'RMSNorm');
  for (const list of ['altup_projections', 'altup_unembed_projections']) {
    // Their ModuleList indices count residual streams, not decoder layers.
    inv.tower(`${base}${list}`);
    for (let s = 0; s < alt - 1; s++) inv.linear(`${base}${list}.${s}`, H, H, false);
  }
  return { H, L, V, nh, nkv, hd, I: widths[0] };
}

/** Gemma3nMultimodalEmbedder: its tokens' embedding table, hard/soft norms, the projection; the post-norm has no scale. */
function addEmbedder(inv: Inventory, p: string, vocab: number, width: number, H: number): void {
  inv.embedding(`${p}.embedding`, vocab, width);
  inv.norm(`${p}.hard_embedding_norm`, width, 'RMSNorm');
  inv.norm(`${p}.soft_embedding_norm`, width, 'RMSNorm');
  inv.linear(`${p}.embedding_projection`, width, H, false);
}

/** timm's make_divisible: the nearest multiple of 8, never more than 10 % below `v`. */
function divisible(v: number): number {
  const rounded = Math.max(8, Math.floor((v + 4) / 8) * 8);
  return rounded < 0.9 * v ? rounded + 8 : rounded;
}

type Block =
  | { kind: 'er'; kernel: number; out: number; exp: number }
  | { kind: 'uir'; start: number; mid: number; out: number; exp: number }
  | { kind: 'mqa'; heads: number; dim: number; kvStride: number };

const er = (out: number): Block => ({ kind: 'er', kernel: 3, out, exp: 4 });
const uir = (start: number, mid: number, out: number, exp: number): Block => ({ kind: 'uir', start, mid, out, exp });
const mqa = (heads: number, dim: number, kvStride: number): Block => ({ kind: 'mqa', heads, dim, kvStride });
const repeat = (n: number, ...blocks: Block[]): Block[] => Array.from({ length: n }, () => blocks).flat();

/** mobilenetv5_300m_enc's four stages (timm models/mobilenetv5.py `_gen_mobilenet_v5`), strides left out (they do not change shapes). */
const MOBILENET_V5_300M: Block[][] = [
  [er(128), er(128), er(128)],
  [uir(3, 5, 256, 6), ...[5, 3, 5, 3].map((k) => uir(k, 0, 256, 4))],
  [uir(5, 5, 640, 6), ...repeat(7, uir(5, 0, 640, 4)), uir(0, 0, 640, 1), ...repeat(14, mqa(12, 64, 2), uir(0, 0, 640, 2))],
  [uir(5, 5, 1280, 6), ...repeat(19, mqa(16, 96, 1), uir(0, 0, 1280, 2))],
];

/** A depthwise Conv2d (groups = channels, no bias): weight [C, 1, k, k]. */
function depthwise(inv: Inventory, name: string, channels: number, kernel: number): void {
  inv.params(name, 'Conv2d', [{ name: 'weight', shape: [channels, 1, kernel, kernel] }]);
}

/** A bias-free Conv2d followed by an RMSNorm2d (timm ConvNormAct: `conv`, `bn`). */
function convNorm(inv: Inventory, p: string, inC: number, outC: number, kernel: number): void {
  inv.conv2d(`${p}.conv`, inC, outC, kernel, false);
  inv.norm(`${p}.bn`, outC, 'RMSNorm');
}

function addUir(inv: Inventory, p: string, inC: number, b: { start: number; mid: number; out: number; exp: number }, layerScale: boolean): void {
  if (b.start) {
    depthwise(inv, `${p}.dw_start.conv`, inC, b.start);
    inv.norm(`${p}.dw_start.bn`, inC, 'RMSNorm');
  }
  const mid = divisible(inC * b.exp);
  convNorm(inv, `${p}.pw_exp`, inC, mid, 1);
  if (b.mid) {
    depthwise(inv, `${p}.dw_mid.conv`, mid, b.mid);
    inv.norm(`${p}.dw_mid.bn`, mid, 'RMSNorm');
  }
  convNorm(inv, `${p}.pw_proj`, mid, b.out, 1);
  if (layerScale) inv.params(`${p}.layer_scale`, 'LayerScale2d', [{ name: 'gamma', shape: [b.out] }]);
}

/** timm's MobileNetV5Encoder: stem, the four stages, the fusion adapter over the last two stages' outputs. */
function addMobileNetV5(inv: Inventory, p: string): void {
  inv.tower(p);
  inv.conv2d(`${p}.conv_stem.conv`, 3, 64, 3, true);
  inv.norm(`${p}.conv_stem.bn`, 64, 'RMSNorm');
  let ch = 64;
  const stageOut: number[] = [];
  MOBILENET_V5_300M.forEach((stage, s) => {
    stage.forEach((b, i) => {
      const q = `${p}.blocks.${s}.${i}`;
      if (b.kind === 'er') {
        const mid = divisible(ch * b.exp);
        inv.conv2d(`${q}.conv_exp`, ch, mid, b.kernel, false);
        inv.norm(`${q}.bn1`, mid, 'RMSNorm');
        inv.conv2d(`${q}.conv_pwl`, mid, b.out, 1, false);
        inv.norm(`${q}.bn2`, b.out, 'RMSNorm');
        ch = b.out;
      } else if (b.kind === 'uir') {
        addUir(inv, q, ch, b, true);
        ch = b.out;
      } else {
        inv.norm(`${q}.norm`, ch, 'RMSNorm');
        inv.conv2d(`${q}.attn.query.proj`, ch, b.heads * b.dim, 1, false);
        for (const kv of ['key', 'value']) {
          if (b.kvStride > 1) {
            depthwise(inv, `${q}.attn.${kv}.down_conv`, ch, 3);
            inv.norm(`${q}.attn.${kv}.norm`, ch, 'RMSNorm');
          }
          inv.conv2d(`${q}.attn.${kv}.proj`, ch, b.dim, 1, false);
        }
        inv.conv2d(`${q}.attn.output.proj`, b.heads * b.dim, ch, 1, false);
        inv.params(`${q}.layer_scale`, 'LayerScale2d', [{ name: 'gamma', shape: [ch] }]);
      }
    });
    stageOut.push(ch);
  });
  // The adapter's inverted residual has neither depthwise convolution nor layer scale; 2048 features out.
  const fused = stageOut[2] + stageOut[3];
  addUir(inv, `${p}.msfa.ffn`, fused, { start: 0, mid: 0, out: 2048, exp: 2 }, false);
  inv.norm(`${p}.msfa.norm`, 2048, 'RMSNorm');
}

/** Gemma3nAudioEncoder; returns its width (what embed_audio projects from). */
function addAudioTower(inv: Inventory, a: ConfigReader): number {
  const p = 'model.audio_tower';
  inv.tower(p);
  const H = a.num('hidden_size');
  const nh = a.num('conf_num_attention_heads');
  const hd = Math.floor(H / nh);
  const [c0, c1] = a.list('sscp_conv_channel_size').map(Number);
  const kernels = a.list('sscp_conv_kernel_size') as number[][];
  const strides = a.list('sscp_conv_stride_size') as number[][];
  const ck = a.num('conf_conv_kernel_size');
  // Each subsampling conv pads the frequency axis by one on both sides.
  let freq = a.num('input_feat_size');
  const sub = `${p}.subsample_conv_projection`;
  [c0, c1].forEach((out, i) => {
    const [kh, kw] = kernels[i].map(Number);
    const inC = i === 0 ? 1 : c0;
    if (kh === kw) inv.conv2d(`${sub}.conv_${i}.conv`, inC, out, kh, false);
    else inv.params(`${sub}.conv_${i}.conv`, 'Conv2d', [{ name: 'weight', shape: [out, inC, kh, kw] }]);
    inv.norm(`${sub}.conv_${i}.norm`, out, 'RMSNorm');
    freq = Math.floor((freq + 2 - kw) / Number(strides[i][1])) + 1;
  });
  inv.linear(`${sub}.input_proj_linear`, c1 * freq, H, false);
  for (let i = 0; i < a.num('conf_num_hidden_layers'); i++) {
    const l = `${p}.conformer.${i}`;
    inv.container(l, 'Gemma3nAudioConformerBlock');
    const ffw = (n: string) => {
      inv.norm(`${l}.${n}.pre_layer_norm`, H, 'RMSNorm');
      inv.linear(`${l}.${n}.ffw_layer_1`, H, 4 * H, false);
      inv.linear(`${l}.${n}.ffw_layer_2`, 4 * H, H, false);
      inv.norm(`${l}.${n}.post_layer_norm`, H, 'RMSNorm');
    };
    ffw('ffw_layer_start');
    inv.norm(`${l}.attention.pre_attn_norm`, H, 'RMSNorm');
    inv.params(`${l}.attention.attn`, 'Gemma3nAudioAttention', [{ name: 'per_dim_scale', shape: [hd] }]);
    inv.linear(`${l}.attention.attn.relative_position_embedding.pos_proj`, H, nh * hd, false);
    for (const proj of ['q_proj', 'k_proj', 'v_proj']) inv.linear(`${l}.attention.attn.${proj}`, H, nh * hd, false);
    inv.linear(`${l}.attention.post`, H, H, false);
    inv.norm(`${l}.attention.post_norm`, H, 'RMSNorm');
    inv.norm(`${l}.lconv1d.pre_layer_norm`, H, 'RMSNorm');
    inv.linear(`${l}.lconv1d.linear_start`, H, 2 * H, false);
    // A depthwise nn.Conv1d (groups = hidden_size, no bias): weight [H, 1, kernel].
    inv.params(`${l}.lconv1d.depthwise_conv1d`, 'Conv1d', [{ name: 'weight', shape: [H, 1, ck] }]);
    inv.norm(`${l}.lconv1d.conv_norm`, H, 'RMSNorm');
    inv.linear(`${l}.lconv1d.linear_end`, H, H, false);
    ffw('ffw_layer_end');
    inv.norm(`${l}.norm`, H, 'RMSNorm');
  }
  return H;
}
