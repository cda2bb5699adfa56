/**
 * config.json → Architecture: picks the family by `model_type`, builds the module inventory for the
 * head PEFT's task_type implies (AutoModelForCausalLM, ...ForSequenceClassification, ...), and
 * records what the numbers came from.
 */
import { ConfigReader, ModelConfigError } from './configReader';
import { afmoeFamily } from './families/afmoe';
import { bertFamily, robertaFamily } from './families/bert';
import { bloomFamily } from './families/bloom';
import { dbrxConvertedFamily } from './families/dbrxConverted';
import { debertaV2Family } from './families/deberta';
import { MOE_DECODER_FAMILIES } from './families/deepseek';
import { DENSE_FAMILIES } from './families/denseFamilies';
import { falconFamily } from './families/falcon';
import { falconH1Family } from './families/falconH1';
import { gemma3Family } from './families/gemma3';
import { gemma3nFamily } from './families/gemma3n';
import { gemma4Family } from './families/gemma4';
import { gemma4UnifiedFamily } from './families/gemma4Unified';
import { gpt2Family } from './families/gpt2';
import { graniteHybridFamily } from './families/graniteHybrid';
import { gptjFamily } from './families/gptj';
import { gptNeoxFamily } from './families/gptNeox';
import { gptOssFamily } from './families/gptOss';
import { jambaFamily } from './families/jamba';
import { kimiLinearFamily } from './families/kimiLinear';
import { lfm2Family, lfm2MoeFamily } from './families/lfm2';
import { lfm2VlFamily } from './families/lfm2Vl';
import { LLAMA_LIKE_TYPES, llamaLikeFamily } from './families/llama';
import { llama4Family } from './families/llama4';
import { LLAVA_TYPES, llavaFamily } from './families/llava';
import { minimaxM2Family } from './families/minimaxM2';
import { mllamaFamily } from './families/mllama';
import { mptFamily } from './families/mpt';
import { nemotronHFamily } from './families/nemotronH';
import { optFamily } from './families/opt';
import { phiFamily } from './families/phi';
import { QWEN35_TYPES, qwen35Family } from './families/qwen35';
import { qwen3NextFamily } from './families/qwen3Next';
import { QWEN_VL_TYPES, qwenVlFamily } from './families/qwenVl';
import { qwenV1Family } from './families/qwenV1';
import { mt5Family, t5Family } from './families/t5';
import { voxtralFamily } from './families/voxtral';
import { whisperFamily } from './families/whisper';
import type { Family } from './families/types';
import { totalParams } from './inventory';
import { storedInventory, storedNote, UnsupportedQuantizationError } from './prequantized';
import type { Architecture, ModelHead, ModelSource } from './types';

const FAMILIES: Record<string, Family> = {
  ...Object.fromEntries(LLAMA_LIKE_TYPES.map((t) => [t, llamaLikeFamily(t)])),
  phi: phiFamily,
  gpt2: gpt2Family,
  opt: optFamily,
  bloom: bloomFamily,
  falcon: falconFamily,
  t5: t5Family,
  mt5: mt5Family,
  bert: bertFamily,
  roberta: robertaFamily,
  'deberta-v2': debertaV2Family,
  gemma3: gemma3Family,
  gemma3n: gemma3nFamily,
  gemma4: gemma4Family,
  gemma4_unified: gemma4UnifiedFamily,
  ...DENSE_FAMILIES,
  gptj: gptjFamily,
  gpt_neox: gptNeoxFamily,
  mpt: mptFamily,
  gpt_oss: gptOssFamily,
  falcon_h1: falconH1Family,
  ...MOE_DECODER_FAMILIES,
  nemotron_h: nemotronHFamily,
  qwen3_next: qwen3NextFamily,
  jamba: jambaFamily,
  lfm2: lfm2Family,
  lfm2_moe: lfm2MoeFamily,
  lfm2_vl: lfm2VlFamily,
  minimax_m2: minimaxM2Family,
  granitemoehybrid: graniteHybridFamily,
  qwen: qwenV1Family,
  dbrx_converted: dbrxConvertedFamily,
  afmoe: afmoeFamily,
  kimi_linear: kimiLinearFamily,
  ...Object.fromEntries(QWEN_VL_TYPES.map((t) => [t, qwenVlFamily(t)])),
  ...Object.fromEntries(QWEN35_TYPES.map((t) => [t, qwen35Family(t)])),
  ...Object.fromEntries(LLAVA_TYPES.map((t) => [t, llavaFamily(t)])),
  mllama: mllamaFamily,
  llama4: llama4Family,
  whisper: whisperFamily,
  voxtral: voxtralFamily,
};

export const SUPPORTED_MODEL_TYPES = Object.keys(FAMILIES).sort();

/** PEFT task_type → the transformers head class PEFT expects the base model to be. */
const TASK_HEADS: Record<string, ModelHead> = {
  CAUSAL_LM: 'causal-lm',
  SEQ_2_SEQ_LM: 'seq2seq-lm',
  SEQ_CLS: 'seq-cls',
  TOKEN_CLS: 'token-cls',
  QUESTION_ANS: 'question-answering',
  FEATURE_EXTRACTION: 'base',
};

export class UnsupportedModelError extends Error {}

export function modelTypeOf(config: Record<string, unknown>): string | undefined {
  return typeof config.model_type === 'string' ? config.model_type : undefined;
}

/** The head for a task_type; no task_type means the family's usual class (causal LM for decoders). */
export function headForTask(config: Record<string, unknown>, taskType: unknown): ModelHead {
  const family = FAMILIES[modelTypeOf(config) ?? ''];
  const wanted = typeof taskType === 'string' ? TASK_HEADS[taskType.toUpperCase()] : undefined;
  return wanted ?? family?.heads[0] ?? 'causal-lm';
}

const memo = new WeakMap<Record<string, unknown>, Map<ModelHead, Architecture>>();

/** Throws UnsupportedModelError (model_type or head we do not model) or ModelConfigError (bad numbers). */
export function buildArchitecture(config: Record<string, unknown>, meta: { id: string; source: ModelSource; file?: string }, head?: ModelHead): Architecture {
  const modelType = modelTypeOf(config);
  if (!modelType) throw new ModelConfigError('config.json has no `model_type`');
  const family = FAMILIES[modelType];
  // The file may not be the user's (a symlink, a path from a pull request): echo only what looks like a type name.
  const shown = /^[\w.-]{1,64}$/.test(modelType) ? `\`${modelType}\`` : '(not a model type name)';
  if (!family) throw new UnsupportedModelError(`model_type ${shown} is not one peft-lens models (supported: ${SUPPORTED_MODEL_TYPES.join(', ')})`);
  const wanted = head ?? family.heads[0];
  if (!family.heads.includes(wanted)) throw new UnsupportedModelError(`peft-lens models no ${wanted} class for model_type ${shown} (it has: ${family.heads.join(', ')})`);
  const cached = memo.get(config)?.get(wanted);
  if (cached) return cached.id === meta.id && cached.source === meta.source && cached.file === meta.file ? cached : { ...cached, ...meta, file: meta.file };
  const reader = new ConfigReader(config, family.defaults);
  const built = family.build(reader, wanted);
  const { modules, stored } = prequantizedInventory(config, built.modules, built.outputEmbedding);
  const arch: Architecture = {
    ...meta,
    modelType,
    className: built.className,
    head: wanted,
    config,
    ...built.numbers,
    modules,
    totalParams: totalParams(modules),
    inputEmbedding: built.inputEmbedding,
    outputEmbedding: built.outputEmbedding,
    computedFrom: [...reader.used],
    ...(built.notes?.length || stored ? { notes: [...(built.notes ?? []), ...(stored ? [storedNote(stored)] : [])] } : {}),
    ...(stored ? { prequantized: stored } : {}),
  };
  if (!memo.has(config)) memo.set(config, new Map());
  memo.get(config)!.set(wanted, arch);
  return arch;
}

/** A prequantized checkpoint's inventory; a quant_method peft-lens cannot size is an unsupported model. */
function prequantizedInventory(...args: Parameters<typeof storedInventory>): ReturnType<typeof storedInventory> {
  try {
    return storedInventory(...args);
  } catch (err) {
    if (err instanceof UnsupportedQuantizationError) throw new UnsupportedModelError(`a prequantized checkpoint: ${err.message}`);
    throw err;
  }
}

/** The same model under another head (the resolver builds the default one). */
export function withHead(arch: Architecture, head: ModelHead): Architecture {
  return arch.head === head ? arch : buildArchitecture(arch.config, { id: arch.id, source: arch.source, file: arch.file }, head);
}
