/**
 * Prompt-learning methods train a prompt encoder and leave the model frozen. Their sizes follow
 * `_prepare_prompt_learning_config` (token_dim, num_layers, heads from the model config; for prefix
 * tuning under grouped-query attention, token_dim shrinks to the key/value width) and the encoder
 * classes: PromptEmbedding, PrefixEncoder, PromptEncoder (MLP or LSTM), MultitaskPromptEmbedding.
 */
import type { Architecture } from '../../models/types';
import type { PeftFinding, PeftView } from './peftView';
import type { AdapterSelection } from './selection';

/**
 * model_types whose (text) config has num_key_value_heads; for a vision-language model PEFT 0.21
 * reads its text_config, which for these is a Llama/Mistral/Qwen-style config.
 */
const HAS_KV_HEADS = new Set([
  'llama', 'granite', 'mistral', 'mixtral', 'qwen2', 'qwen2_moe', 'qwen3', 'qwen3_moe', 'gemma', 'gemma2', 'gemma3_text', 'gemma3', 'phi', 'phi3',
  'qwen2_vl', 'qwen2_5_vl', 'qwen3_vl', 'qwen3_vl_moe', 'qwen3_5', 'qwen3_5_moe', 'mllama', 'llama4', 'llava', 'mistral3', 'voxtral',
]);

export const PROMPT_TYPES = new Set(['PROMPT_TUNING', 'PREFIX_TUNING', 'P_TUNING', 'MULTITASK_PROMPT_TUNING']);

interface Sizes {
  tokens: number;
  total: number;
  tokenDim: number;
  layers: number;
  hidden: number;
}

function sizes(view: PeftView, arch: Architecture, peftType: string): Sizes | PeftFinding {
  const tokens = view.num('num_virtual_tokens', NaN);
  if (!Number.isInteger(tokens) || tokens <= 0) {
    return { code: 'model/invalid-prompt-config', severity: 'error', key: 'num_virtual_tokens', message: `${peftType} needs num_virtual_tokens (a positive whole number); PEFT cannot build the prompt encoder without it.` };
  }
  let tokenDim = view.num('token_dim', arch.hiddenSize);
  const heads = view.num('num_attention_heads', arch.numHeads);
  if (peftType === 'PREFIX_TUNING' && HAS_KV_HEADS.has(arch.modelType)) tokenDim = Math.floor(tokenDim / heads) * arch.numKvHeads;
  const submodules = view.num('num_transformer_submodules', view.taskType === 'SEQ_2_SEQ_LM' ? 2 : 1);
  return { tokens, total: tokens * submodules, tokenDim, layers: view.num('num_layers', arch.numLayers), hidden: view.num('encoder_hidden_size', tokenDim) };
}

function lstm(input: number, hidden: number, layers: number): number {
  let params = 0;
  for (let l = 0; l < layers; l++) {
    const inSize = l === 0 ? input : 2 * hidden;
    params += 2 * (4 * hidden * (inSize + hidden) + 8 * hidden);
  }
  return params;
}

/** Parameters of the prompt encoder, or a finding when PEFT could not build it. */
export function promptEncoderParams(view: PeftView, arch: Architecture, peftType: string): number | PeftFinding {
  const s = sizes(view, arch, peftType);
  if ('code' in s) return s;
  const d = s.tokenDim;
  const h = s.hidden;
  if (peftType === 'PROMPT_TUNING') return s.total * d;
  if (peftType === 'MULTITASK_PROMPT_TUNING') {
    const tasks = view.num('num_tasks', 1);
    const ranks = view.num('num_ranks', 1);
    return s.total * d + tasks * s.total * ranks + tasks * ranks * d;
  }
  if (peftType === 'PREFIX_TUNING') {
    const kv = s.layers * 2 * d;
    if (!view.bool('prefix_projection', false)) return s.tokens * kv;
    return s.tokens * d + (d * h + h) + (h * kv + kv);
  }
  const embedding = s.total * d;
  if (String(view.value('encoder_reparameterization_type', 'MLP')).toUpperCase() === 'LSTM') {
    return embedding + lstm(d, h, view.num('encoder_num_layers', 2)) + (2 * h * 2 * h + 2 * h) + (2 * h * d + d);
  }
  return embedding + (d * h + h) + (h * h + h) + (h * d + d);
}

/** Where the virtual tokens enter: before the input, as every layer's extra keys/values, or in the top layers' attention (LLaMA-Adapter). */
export function promptPlacement(peftType: string, view: PeftView, arch: Architecture): AdapterSelection['prompt'] {
  if (peftType !== 'ADAPTION_PROMPT') return { virtualTokens: view.num('num_virtual_tokens', 0), placement: peftType === 'PREFIX_TUNING' ? 'prefix' : 'input' };
  const top = view.num('adapter_layers', 0);
  const layers = Array.from({ length: top }, (_, i) => arch.numLayers - top + i);
  return { virtualTokens: view.num('adapter_len', 0), placement: 'attention', layers };
}
