/**
 * PEFT's default target modules per model_type (src/peft/utils/constants.py), used when a config
 * leaves target_modules out. A string value is a regex (full match); a list is matched by suffix.
 */

type Mapping = Record<string, string[] | string>;

const GEMMA4 = '.*language_model\\..*\\.(q_proj|v_proj)';

const LORA: Mapping = {
  t5: ['q', 'v'],
  mt5: ['q', 'v'],
  bart: ['q_proj', 'v_proj'],
  gpt2: ['c_attn'],
  bloom: ['query_key_value'],
  'blip-2': ['q', 'v', 'q_proj', 'v_proj'],
  opt: ['q_proj', 'v_proj'],
  gptj: ['q_proj', 'v_proj'],
  gpt_neox: ['query_key_value'],
  gpt_neo: ['q_proj', 'v_proj'],
  bert: ['query', 'value'],
  roberta: ['query', 'value'],
  'xlm-roberta': ['query', 'value'],
  electra: ['query', 'value'],
  'deberta-v2': ['query_proj', 'value_proj'],
  deberta: ['in_proj'],
  layoutlm: ['query', 'value'],
  llama: ['q_proj', 'v_proj'],
  llama4: ['q_proj', 'v_proj'],
  chatglm: ['query_key_value'],
  gpt_bigcode: ['c_attn'],
  mpt: ['Wqkv'],
  RefinedWebModel: ['query_key_value'],
  RefinedWeb: ['query_key_value'],
  falcon: ['query_key_value'],
  btlm: ['c_proj', 'c_attn'],
  codegen: ['qkv_proj'],
  mistral: ['q_proj', 'v_proj'],
  mixtral: ['q_proj', 'v_proj'],
  stablelm: ['q_proj', 'v_proj'],
  phi: ['q_proj', 'v_proj', 'fc1', 'fc2'],
  gemma: ['q_proj', 'v_proj'],
  gemma2: ['q_proj', 'v_proj'],
  gemma3_text: ['q_proj', 'v_proj'],
  gemma4: GEMMA4,
  qwen2: ['q_proj', 'v_proj'],
  qwen3: ['q_proj', 'v_proj'],
  nemotron_h: ['q_proj', 'k_proj', 'v_proj', 'o_proj'],
  rwkv: ['key', 'value', 'receptance', 'output'],
  rwkv7: ['r_proj', 'k_proj', 'v_proj', 'o_proj', 'key', 'value'],
};

const IA3: Mapping = {
  t5: ['k', 'v', 'wo'],
  mt5: ['k', 'v', 'wi_1'],
  gpt2: ['c_attn', 'mlp.c_proj'],
  bloom: ['query_key_value', 'mlp.dense_4h_to_h'],
  roberta: ['key', 'value', 'output.dense'],
  opt: ['q_proj', 'k_proj', 'fc2'],
  gptj: ['q_proj', 'v_proj', 'fc_out'],
  gpt_neox: ['query_key_value', 'dense_4h_to_h'],
  gpt_neo: ['q_proj', 'v_proj', 'c_proj'],
  bart: ['q_proj', 'v_proj', 'fc2'],
  gpt_bigcode: ['c_attn', 'mlp.c_proj'],
  llama: ['k_proj', 'v_proj', 'down_proj'],
  llama4: ['q_proj', 'v_proj', 'down_proj'],
  mistral: ['k_proj', 'v_proj', 'down_proj'],
  mixtral: ['k_proj', 'v_proj', 'w2'],
  bert: ['key', 'value', 'output.dense'],
  'deberta-v2': ['key_proj', 'value_proj', 'output.dense'],
  deberta: ['in_proj', 'output.dense'],
  RefinedWebModel: ['query_key_value', 'dense_4h_to_h'],
  RefinedWeb: ['query_key_value', 'dense_4h_to_h'],
  falcon: ['query_key_value', 'dense_4h_to_h'],
  phi: ['q_proj', 'v_proj', 'fc2'],
  gemma: ['q_proj', 'v_proj', 'down_proj'],
  gemma2: ['q_proj', 'v_proj', 'down_proj'],
  gemma3_text: ['q_proj', 'v_proj', 'down_proj'],
  qwen2: ['q_proj', 'v_proj', 'down_proj'],
  qwen3: ['q_proj', 'v_proj', 'down_proj'],
};

const IA3_FEEDFORWARD: Mapping = {
  t5: ['wo'],
  mt5: [],
  gpt2: ['mlp.c_proj'],
  bloom: ['mlp.dense_4h_to_h'],
  roberta: ['output.dense'],
  opt: ['fc2'],
  gptj: ['fc_out'],
  gpt_neox: ['dense_4h_to_h'],
  gpt_neo: ['c_proj'],
  bart: ['fc2'],
  gpt_bigcode: ['mlp.c_proj'],
  llama: ['down_proj'],
  llama4: ['down_proj'],
  mistral: ['down_proj'],
  mixtral: ['w2'],
  bert: ['output.dense'],
  'deberta-v2': ['output.dense'],
  deberta: ['output.dense'],
  RefinedWeb: ['dense_4h_to_h'],
  RefinedWebModel: ['dense_4h_to_h'],
  falcon: ['dense_4h_to_h'],
  phi: ['fc2'],
  gemma: ['down_proj'],
  gemma2: ['down_proj'],
  gemma3_text: ['down_proj'],
  qwen2: ['down_proj'],
  qwen3: ['down_proj'],
};

const LN_TUNING: Mapping = {
  llama: ['input_layernorm', 'post_attention_layernorm', 'norm'],
  bloom: ['input_layernorm', 'post_attention_layernorm', 'ln_f'],
  llava: ['multi_modal_projector', 'input_layernorm', 'post_attention_layernorm', 'norm', 'embed_tokens', 'lm_head'],
  t5: ['layer_norm', 'final_layer_norm'],
  mt5: ['layer_norm', 'final_layer_norm'],
  bart: ['self_attn_layer_norm', 'encoder_attn_layer_norm', 'final_layer_norm'],
  gpt2: ['ln_1', 'ln_2', 'ln_f'],
  'blip-2': ['layernorm', 'LayerNorm', 'final_layer_norm', 'self_attn_layer_norm'],
  gptj: ['ln_1', 'ln_f'],
  falcon: ['input_layernorm', 'post_attention_layernorm', 'ln_f'],
  mistral: ['input_layernorm', 'post_attention_layernorm', 'norm'],
  phi: ['input_layernorm', 'final_layernorm'],
  gemma: ['input_layernorm', 'post_attention_layernorm', 'norm'],
  gemma2: ['input_layernorm', 'post_attention_layernorm', 'pre_feedforward_layernorm', 'post_feedforward_layernorm', 'norm'],
  gemma3_text: ['input_layernorm', 'post_attention_layernorm', 'pre_feedforward_layernorm', 'post_feedforward_layernorm', 'norm'],
  qwen2: ['post_attention_layernorm'],
  qwen3: ['post_attention_layernorm'],
};

const ADALORA: Mapping = {
  t5: ['q', 'k', 'v', 'o', 'wi', 'wo'],
  mt5: ['q', 'k', 'v', 'o', 'wi_0', 'wi_1', 'wo'],
  bart: ['q_proj', 'k_proj', 'v_proj', 'out_proj', 'fc1', 'fc2'],
  gpt2: ['c_attn'],
  bloom: ['query_key_value'],
  opt: ['q_proj', 'k_proj', 'v_proj', 'out_proj', 'fc1', 'fc2'],
  gptj: ['q_proj', 'v_proj'],
  gpt_neox: ['query_key_value'],
  gpt_neo: ['q_proj', 'v_proj'],
  llama: ['q_proj', 'v_proj'],
  llama4: ['q_proj', 'v_proj'],
  bert: ['query', 'value'],
  roberta: ['query', 'key', 'value', 'dense'],
  'deberta-v2': ['query_proj', 'key_proj', 'value_proj', 'dense'],
  gpt_bigcode: ['c_attn'],
  deberta: ['in_proj'],
  gemma: ['q_proj', 'v_proj'],
  gemma2: ['q_proj', 'v_proj'],
  gemma3_text: ['q_proj', 'v_proj'],
  gemma4: GEMMA4,
  qwen2: ['q_proj', 'v_proj'],
  qwen3: ['q_proj', 'v_proj'],
  nemotron_h: ['q_proj', 'k_proj', 'v_proj', 'o_proj'],
};

const VBLORA: Mapping = { ...ADALORA, roberta: ['query', 'value'] };

const withChanges = (changes: Mapping): Mapping => ({ ...LORA, ...changes });

/** Default target mapping for each PEFT type (types not listed have no defaults). */
const BY_TYPE: Record<string, Mapping> = {
  LORA: LORA,
  LOHA: LORA,
  LOKR: LORA,
  OFT: LORA,
  BOFT: LORA,
  HRA: LORA,
  MISS: LORA,
  ADALORA: ADALORA,
  IA3: IA3,
  LN_TUNING: LN_TUNING,
  VBLORA: VBLORA,
  VERA: withChanges({ phi: ['q_proj', 'v_proj'] }),
  FOURIERFT: withChanges({ gpt2: ['mlp.c_proj'], gpt_bigcode: ['mlp.c_proj'] }),
  C3A: withChanges({ gpt2: ['mlp.c_proj'], gpt_bigcode: ['mlp.c_proj'] }),
};

export function defaultTargets(peftType: string, modelType: string): string[] | string | undefined {
  return BY_TYPE[peftType]?.[modelType];
}

export function defaultFeedforward(modelType: string): string[] | string | undefined {
  return IA3_FEEDFORWARD[modelType];
}
