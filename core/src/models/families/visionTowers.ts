/**
 * Vision encoders of the vision-language families, module by module as transformers 5 builds them
 * (names, shapes, biases). Each marks its prefix as a side tower and returns its output width.
 */
import type { ConfigReader } from '../configReader';
import type { Inventory } from '../inventory';

export const QWEN2_VISION_DEFAULTS = { depth: 32, embed_dim: 1280, hidden_size: 3584, mlp_ratio: 4, num_heads: 16, in_channels: 3, patch_size: 14, spatial_merge_size: 2, temporal_patch_size: 2 };
export const QWEN25_VISION_DEFAULTS = { depth: 32, hidden_size: 3584, intermediate_size: 3420, num_heads: 16, in_channels: 3, patch_size: 14, spatial_merge_size: 2, temporal_patch_size: 2, out_hidden_size: 3584 };
export const QWEN3_VISION_DEFAULTS = { depth: 27, hidden_size: 1152, intermediate_size: 4304, num_heads: 16, in_channels: 3, patch_size: 16, spatial_merge_size: 2, temporal_patch_size: 2, out_hidden_size: 3584, num_position_embeddings: 2304, deepstack_visual_indexes: [8, 16, 24] };
export const CLIP_VISION_DEFAULTS = { hidden_size: 768, intermediate_size: 3072, num_hidden_layers: 12, num_channels: 3, image_size: 224, patch_size: 32 };
export const SIGLIP2_VISION_DEFAULTS = { hidden_size: 768, intermediate_size: 3072, num_hidden_layers: 12, num_attention_heads: 12, num_channels: 3, num_patches: 256, patch_size: 16 };
export const PIXTRAL_VISION_DEFAULTS = { hidden_size: 1024, intermediate_size: 4096, num_hidden_layers: 24, num_attention_heads: 16, num_channels: 3, patch_size: 16 };
export const MLLAMA_VISION_DEFAULTS = {
  hidden_size: 1280,
  num_hidden_layers: 32,
  num_global_layers: 8,
  num_channels: 3,
  intermediate_size: 5120,
  vision_output_dim: 7680,
  image_size: 448,
  patch_size: 14,
  max_num_tiles: 4,
  supported_aspect_ratios: [[1, 1], [1, 2], [1, 3], [1, 4], [2, 1], [2, 2], [3, 1], [4, 1]],
};
export const LLAMA4_VISION_DEFAULTS = { hidden_size: 768, num_hidden_layers: 34, num_channels: 3, intermediate_size: 5632, vision_output_dim: 7680, image_size: 448, patch_size: 14, projector_input_dim: 4096, projector_output_dim: 4096 };

/** Conv3d patch embedding of the Qwen towers: weight [out, in, t, p, p]. */
function conv3d(inv: Inventory, name: string, v: ConfigReader, out: number, bias: boolean): void {
  const p = v.num('patch_size');
  inv.conv3d(name, v.num(['in_channels', 'in_chans']), out, [v.num('temporal_patch_size'), p, p], bias);
}

/** Qwen2-VL: LayerNorm blocks with fused qkv, fc1/fc2 MLP, and a merger (ln_q, mlp.0, mlp.2) into the text width. */
export function addQwen2Vision(inv: Inventory, v: ConfigReader, p: string): void {
  inv.tower(p);
  const D = v.num('embed_dim');
  const I = D * v.num('mlp_ratio');
  conv3d(inv, `${p}.patch_embed.proj`, v, D, false);
  for (let i = 0; i < v.num('depth'); i++) {
    const b = `${p}.blocks.${i}`;
    inv.container(b, 'Qwen2VLVisionBlock');
    inv.norm(`${b}.norm1`, D, 'LayerNorm');
    inv.norm(`${b}.norm2`, D, 'LayerNorm');
    inv.linear(`${b}.attn.qkv`, D, 3 * D, true);
    inv.linear(`${b}.attn.proj`, D, D, true);
    inv.linear(`${b}.mlp.fc1`, D, I, true);
    inv.linear(`${b}.mlp.fc2`, I, D, true);
  }
  addQwenMerger(inv, `${p}.merger`, D, v.num('hidden_size'), v.num('spatial_merge_size'), 'LayerNorm');
}

/** Qwen2.5-VL: RMSNorm blocks, a gated MLP with biases, the same merger with an RMSNorm. */
export function addQwen25Vision(inv: Inventory, v: ConfigReader, p: string): void {
  inv.tower(p);
  const D = v.num('hidden_size');
  const I = v.num('intermediate_size');
  conv3d(inv, `${p}.patch_embed.proj`, v, D, false);
  for (let i = 0; i < v.num('depth'); i++) {
    const b = `${p}.blocks.${i}`;
    inv.container(b, 'Qwen2_5_VLVisionBlock');
    inv.norm(`${b}.norm1`, D, 'RMSNorm');
    inv.norm(`${b}.norm2`, D, 'RMSNorm');
    inv.linear(`${b}.attn.qkv`, D, 3 * D, true);
    inv.linear(`${b}.attn.proj`, D, D, true);
    inv.linear(`${b}.mlp.gate_proj`, D, I, true);
    inv.linear(`${b}.mlp.up_proj`, D, I, true);
    inv.linear(`${b}.mlp.down_proj`, I, D, true);
  }
  addQwenMerger(inv, `${p}.merger`, D, v.num('out_hidden_size'), v.num('spatial_merge_size'), 'RMSNorm');
}

function addQwenMerger(inv: Inventory, p: string, D: number, out: number, merge: number, norm: 'LayerNorm' | 'RMSNorm'): void {
  const wide = D * merge * merge;
  inv.norm(`${p}.ln_q`, D, norm);
  inv.linear(`${p}.mlp.0`, wide, wide, true);
  inv.linear(`${p}.mlp.2`, wide, out, true);
}

/**
 * Qwen3-VL (and Qwen3.5): biased Conv3d patches, a learned position table, LayerNorm blocks with
 * linear_fc1/linear_fc2, a merger, and one more merger per deepstack index (normed after the shuffle).
 */
export function addQwen3Vision(inv: Inventory, v: ConfigReader, p: string, deepstack: boolean): void {
  inv.tower(p);
  const D = v.num('hidden_size');
  const I = v.num('intermediate_size');
  const out = v.num('out_hidden_size');
  const wide = D * v.num('spatial_merge_size') ** 2;
  conv3d(inv, `${p}.patch_embed.proj`, v, D, true);
  inv.embedding(`${p}.pos_embed`, v.num('num_position_embeddings'), D);
  for (let i = 0; i < v.num('depth'); i++) {
    const b = `${p}.blocks.${i}`;
    inv.container(b, 'Qwen3VLVisionBlock');
    inv.norm(`${b}.norm1`, D, 'LayerNorm');
    inv.norm(`${b}.norm2`, D, 'LayerNorm');
    inv.linear(`${b}.attn.qkv`, D, 3 * D, true);
    inv.linear(`${b}.attn.proj`, D, D, true);
    inv.linear(`${b}.mlp.linear_fc1`, D, I, true);
    inv.linear(`${b}.mlp.linear_fc2`, I, D, true);
  }
  const merger = (m: string, normWidth: number) => {
    inv.norm(`${m}.norm`, normWidth, 'LayerNorm');
    inv.linear(`${m}.linear_fc1`, wide, wide, true);
    inv.linear(`${m}.linear_fc2`, wide, out, true);
  };
  merger(`${p}.merger`, D);
  if (!deepstack) return;
  v.list('deepstack_visual_indexes').forEach((_, i) => merger(`${p}.deepstack_merger_list.${i}`, wide));
}

/**
 * The encoder layers CLIP, SigLIP and SigLIP2 share: biased k/v/q/out projections, LayerNorm before attention
 * and before the fc1/fc2 MLP.
 */
function addVitLayers(inv: Inventory, prefix: string, layers: number, H: number, I: number, className: string): void {
  for (let i = 0; i < layers; i++) {
    const l = `${prefix}.${i}`;
    inv.container(l, className);
    for (const proj of ['k_proj', 'v_proj', 'q_proj', 'out_proj']) inv.linear(`${l}.self_attn.${proj}`, H, H, true);
    inv.norm(`${l}.layer_norm1`, H, 'LayerNorm');
    inv.linear(`${l}.mlp.fc1`, H, I, true);
    inv.linear(`${l}.mlp.fc2`, I, H, true);
    inv.norm(`${l}.layer_norm2`, H, 'LayerNorm');
  }
}

/** SigLIP vision transformer without the attention-pooling head (Gemma 3 sets vision_use_head false): patch conv, position table. */
export function addSiglipVision(inv: Inventory, v: ConfigReader, p: string): number {
  inv.tower(p);
  const H = v.num('hidden_size');
  const I = v.num('intermediate_size');
  const patch = v.num('patch_size');
  inv.conv2d(`${p}.embeddings.patch_embedding`, v.num('num_channels'), H, patch, true);
  inv.embedding(`${p}.embeddings.position_embedding`, Math.floor(v.num('image_size') / patch) ** 2, H);
  addVitLayers(inv, `${p}.encoder.layers`, v.num('num_hidden_layers'), H, I, 'SiglipEncoderLayer');
  inv.norm(`${p}.post_layernorm`, H, 'LayerNorm');
  return H;
}

/** CLIP vision transformer (CLIPVisionModel): class token, patch conv, position table, pre/post LayerNorms. */
export function addClipVision(inv: Inventory, v: ConfigReader, p: string): number {
  inv.tower(p);
  const H = v.num('hidden_size');
  const I = v.num('intermediate_size');
  const patch = v.num('patch_size');
  const e = `${p}.vision_model.embeddings`;
  inv.params(e, 'CLIPVisionEmbeddings', [{ name: 'class_embedding', shape: [H] }], 'Other');
  inv.conv2d(`${e}.patch_embedding`, v.num('num_channels'), H, patch, false);
  inv.embedding(`${e}.position_embedding`, Math.floor(v.num('image_size') / patch) ** 2 + 1, H);
  inv.norm(`${p}.vision_model.pre_layrnorm`, H, 'LayerNorm');
  addVitLayers(inv, `${p}.vision_model.encoder.layers`, v.num('num_hidden_layers'), H, I, 'CLIPEncoderLayer');
  inv.norm(`${p}.vision_model.post_layernorm`, H, 'LayerNorm');
  return H;
}

/** Pixtral's vision encoder (PixtralVisionModel): patch conv, RMSNorms, a gated MLP, no biases. */
export function addPixtralVision(inv: Inventory, v: ConfigReader, p: string): number {
  inv.tower(p);
  const H = v.num('hidden_size');
  const I = v.num('intermediate_size');
  const hd = v.optNum('head_dim') ?? Math.floor(H / v.num('num_attention_heads'));
  const inner = v.num('num_attention_heads') * hd;
  inv.conv2d(`${p}.patch_conv`, v.num('num_channels'), H, v.num('patch_size'), false);
  inv.norm(`${p}.ln_pre`, H, 'RMSNorm');
  for (let i = 0; i < v.num('num_hidden_layers'); i++) {
    const l = `${p}.transformer.layers.${i}`;
    inv.container(l, 'PixtralAttentionLayer');
    inv.norm(`${l}.attention_norm`, H, 'RMSNorm');
    inv.linear(`${l}.feed_forward.gate_proj`, H, I, false);
    inv.linear(`${l}.feed_forward.up_proj`, H, I, false);
    inv.linear(`${l}.feed_forward.down_proj`, I, H, false);
    inv.linear(`${l}.attention.k_proj`, H, inner, false);
    inv.linear(`${l}.attention.v_proj`, H, inner, false);
    inv.linear(`${l}.attention.q_proj`, H, inner, false);
    inv.linear(`${l}.attention.o_proj`, inner, H, false);
    inv.norm(`${l}.ffn_norm`, H, 'RMSNorm');
  }
  return H;
}

/**
 * Llama 3.2 Vision's tiled encoder (MllamaVisionModel): gated position and tile embeddings, a local
 * encoder and a gated global one (scalar tanh gates per layer); output width vision_output_dim.
 */
export function addMllamaVision(inv: Inventory, v: ConfigReader, p: string): number {
  inv.tower(p);
  const H = v.num('hidden_size');
  const I = v.num('intermediate_size');
  const tiles = v.num('max_num_tiles');
  const patches = Math.floor(v.num('image_size') / v.num('patch_size')) ** 2 + 1;
  const ratios = v.list('supported_aspect_ratios').length + 1;
  inv.params(p, 'MllamaVisionModel', [{ name: 'class_embedding', shape: [H] }], 'Other');
  inv.conv2d(`${p}.patch_embedding`, v.num('num_channels'), H, v.num('patch_size'), false);
  inv.params(`${p}.gated_positional_embedding`, 'MllamaPrecomputedPositionEmbedding', [{ name: 'gate', shape: [1] }, { name: 'embedding', shape: [patches, H] }], 'Other');
  inv.embedding(`${p}.gated_positional_embedding.tile_embedding`, ratios, tiles * patches * H);
  for (const name of ['pre_tile_positional_embedding', 'post_tile_positional_embedding']) {
    inv.params(`${p}.${name}`, 'MllamaPrecomputedAspectRatioEmbedding', [{ name: 'gate', shape: [1] }], 'Other');
    inv.embedding(`${p}.${name}.embedding`, ratios, tiles * H);
  }
  inv.norm(`${p}.layernorm_pre`, H, 'LayerNorm');
  inv.norm(`${p}.layernorm_post`, H, 'LayerNorm');
  const encoder = (e: string, layers: number, gated: boolean) => {
    for (let i = 0; i < layers; i++) {
      const l = `${e}.layers.${i}`;
      if (gated) inv.params(l, 'MllamaVisionEncoderLayer', [{ name: 'gate_attn', shape: [1] }, { name: 'gate_ffn', shape: [1] }], 'Other');
      else inv.container(l, 'MllamaVisionEncoderLayer');
      for (const proj of ['q_proj', 'k_proj', 'v_proj', 'o_proj']) inv.linear(`${l}.self_attn.${proj}`, H, H, false);
      inv.linear(`${l}.mlp.fc1`, H, I, true);
      inv.linear(`${l}.mlp.fc2`, I, H, true);
      inv.norm(`${l}.input_layernorm`, H, 'LayerNorm');
      inv.norm(`${l}.post_attention_layernorm`, H, 'LayerNorm');
    }
  };
  encoder(`${p}.transformer`, v.num('num_hidden_layers'), false);
  encoder(`${p}.global_transformer`, v.num('num_global_layers'), true);
  return v.num('vision_output_dim');
}

/** Llama 4's vision encoder: an unfold-and-project patch embedding, biased attention, the pixel-shuffle adapter. */
export function addLlama4Vision(inv: Inventory, v: ConfigReader, p: string): number {
  inv.tower(p);
  const H = v.num('hidden_size');
  const I = v.num('intermediate_size');
  const patch = v.num('patch_size');
  const patches = Math.floor(v.num('image_size') / patch) ** 2 + 1;
  inv.params(p, 'Llama4VisionModel', [{ name: 'class_embedding', shape: [H] }, { name: 'positional_embedding_vlm', shape: [patches, H] }], 'Other');
  inv.linear(`${p}.patch_embedding.linear`, v.num('num_channels') * patch * patch, H, false);
  inv.norm(`${p}.layernorm_pre`, H, 'LayerNorm');
  inv.norm(`${p}.layernorm_post`, H, 'LayerNorm');
  for (let i = 0; i < v.num('num_hidden_layers'); i++) {
    const l = `${p}.model.layers.${i}`;
    inv.container(l, 'Llama4VisionEncoderLayer');
    for (const proj of ['q_proj', 'k_proj', 'v_proj', 'o_proj']) inv.linear(`${l}.self_attn.${proj}`, H, H, true);
    inv.linear(`${l}.mlp.fc1`, H, I, true);
    inv.linear(`${l}.mlp.fc2`, I, H, true);
    inv.norm(`${l}.input_layernorm`, H, 'LayerNorm');
    inv.norm(`${l}.post_attention_layernorm`, H, 'LayerNorm');
  }
  const out = v.num('projector_output_dim');
  inv.linear(`${p}.vision_adapter.mlp.fc1`, I, v.num('projector_input_dim'), false);
  inv.linear(`${p}.vision_adapter.mlp.fc2`, out, out, false);
  return v.num('vision_output_dim');
}

/**
 * SigLIP2's NaFlex vision transformer (Siglip2VisionModel, `vision_use_head: false`): patches flattened
 * into an nn.Linear (channels · patch² → hidden), a `num_patches` position table, SigLIP's encoder
 * layers (biased q/k/v/out, fc1/fc2, two LayerNorms), post_layernorm.
 */
export function addSiglip2Vision(inv: Inventory, v: ConfigReader, p: string): number {
  inv.tower(p);
  const H = v.num('hidden_size');
  const I = v.num('intermediate_size');
  const patch = v.num('patch_size');
  inv.linear(`${p}.embeddings.patch_embedding`, v.num('num_channels') * patch * patch, H, true);
  inv.embedding(`${p}.embeddings.position_embedding`, v.num('num_patches'), H);
  addVitLayers(inv, `${p}.encoder.layers`, v.num('num_hidden_layers'), H, I, 'Siglip2EncoderLayer');
  inv.norm(`${p}.post_layernorm`, H, 'LayerNorm');
  return H;
}
