/**
 * Concepts the settings select (LoRA, QLoRA, GaLore, gradient checkpointing, ...): the papers that
 * introduced each, one line on why it matters, related research from the literature, and the keys and
 * values of each format that select it where neither the schemas (`x-papers`, `x-enum-docs`) nor the
 * reference list's config mapping say so. Hover and the method picker read this table.
 */
import type { FormatId } from '../types';

export interface ConceptMatch {
  key: string | RegExp;
  /** Absent: the key itself selects the concept (a boolean switch, a block of its settings). */
  value?: string | RegExp;
  format?: FormatId;
  /** A hyperparameter of the method rather than its switch: hover shows the paper without the related list. */
  tunes?: boolean;
}

export interface Concept {
  id: string;
  label: string;
  papers: string[];
  why: string;
  related?: string[];
  match?: ConceptMatch[];
}

const LORA_TARGET_KEYS = /^(target_modules|lora_target_modules|lora_target|lora_attn_modules|lora_target_linear|apply_lora_to_(mlp|output))$/;
const RANK_KEYS = /^(r|lora_r|lora_rank|lora_alpha|lora_dropout)$/;
const TORCHTUNE_LORA = /(^|\.)lora_\w+$/;
const TORCHTUNE_QLORA = /(^|\.)qlora_\w+$/;

export const CONCEPTS: readonly Concept[] = [
  {
    id: 'lora',
    label: 'LoRA',
    papers: ['2106.09685'],
    why: 'Freezes the pretrained weights and trains a low-rank update B·A per targeted matrix: r·(in+out) parameters instead of in·out, mergeable after training.',
    related: ['2402.08562', '2403.20320', '2412.07771', '2311.18158', '2307.05468', '2405.17258', '2402.18865', '2408.04556', '2305.18403', '2406.03792', '2402.01911', '2310.10700'],
    match: [
      { key: 'finetuning_type', value: 'lora', format: 'llamafactory' },
      { key: 'use_peft', format: 'trl' },
      { key: '_component_', value: TORCHTUNE_LORA, format: 'torchtune' },
      { key: 'name', value: 'lora', format: 'llamafactory' },
      { key: RANK_KEYS, tunes: true },
      { key: LORA_TARGET_KEYS, tunes: true },
    ],
  },
  {
    id: 'qlora',
    label: 'QLoRA',
    papers: ['2305.14314'],
    why: 'Trains LoRA adapters through a frozen 4-bit NF4 base with double quantization and paged optimizers: a 65B model fine-tunes on one 48 GB GPU.',
    related: ['2310.08659', '2309.14717', '2402.04902', '2401.07159'],
    match: [
      { key: '_component_', value: TORCHTUNE_QLORA, format: 'torchtune' },
      { key: 'quantize_base', format: 'torchtune' },
      { key: 'quantization_bit', format: 'llamafactory' },
      { key: /^(quantization_type|double_quantization|use_bnb_nested_quant|bnb_4bit_\w+)$/, tunes: true },
    ],
  },
  {
    id: 'dora',
    label: 'DoRA',
    papers: ['2402.09353'],
    why: 'Splits each weight into magnitude and direction and applies LoRA to the direction only, closing much of the gap to full fine-tuning at the same rank.',
  },
  {
    id: 'rslora',
    label: 'rsLoRA',
    papers: ['2312.03732'],
    why: 'Scales the update by alpha/√r instead of alpha/r, so high ranks keep learning instead of being damped.',
  },
  {
    id: 'pissa',
    label: 'PiSSA',
    papers: ['2404.02948'],
    why: 'Starts the adapter on the principal singular vectors of each weight (the base keeps the rest), so training moves the directions that matter first and converges faster.',
    related: ['2406.01775', '2406.05223', '2410.07170', '2407.05000', '2409.05926', '2410.13618', '2502.14482', '2411.19557'],
    match: [{ key: /^pissa_(init|iter|convert)$/, format: 'llamafactory' }],
  },
  { id: 'olora', label: 'OLoRA', papers: ['2406.01775'], why: 'Initialises the adapter from a QR decomposition of the weight (an orthonormal basis), which speeds up convergence.' },
  { id: 'loftq', label: 'LoftQ', papers: ['2310.08659'], why: 'Chooses the quantized base and the LoRA initialisation together so the adapter absorbs the quantization error: better 2–4-bit fine-tuning.' },
  { id: 'eva', label: 'EVA', papers: ['2410.07170'], why: 'Initialises LoRA from the SVD of activations on a few batches and redistributes ranks by explained variance.' },
  { id: 'corda', label: 'CorDA', papers: ['2406.05223'], why: 'Builds the adapter from a decomposition of weights weighted by activation covariance, either to preserve knowledge or to adapt faster.' },
  { id: 'lora-ga', label: 'LoRA-GA', papers: ['2407.05000'], why: "Initialises LoRA so that its first step follows the full fine-tuning gradient, which speeds convergence." },
  {
    id: 'loraplus',
    label: 'LoRA+',
    papers: ['2402.12354'],
    why: 'Gives B a larger learning rate than A (a ratio around 16): faster, better LoRA training at no memory cost.',
    match: [{ key: /^loraplus_lr_(ratio|embedding)$/ }],
  },
  {
    id: 'adalora',
    label: 'AdaLoRA',
    papers: ['2303.10512'],
    why: 'Parameterises updates as SVD triplets and prunes unimportant singular values while training, moving rank budget to the matrices that need it.',
    related: ['2308.12043', '2408.01099'],
    match: [{ key: /^(init_r|target_r|tinit|tfinal|deltaT|orth_reg_weight|total_step|beta1|beta2)$/, tunes: true }],
  },
  {
    id: 'ia3',
    label: '(IA)³',
    papers: ['2205.05638'],
    why: 'Learns only scaling vectors for keys, values and feed-forward activations: far fewer parameters than LoRA and no added latency.',
    related: ['2210.08823', '2310.01217'],
    match: [{ key: /^(feedforward_modules|init_ia3_weights)$/, tunes: true }],
  },
  {
    id: 'prefix-tuning',
    label: 'Prefix tuning',
    papers: ['2101.00190'],
    why: 'Learns continuous key/value prefixes at every layer while the whole model stays frozen.',
    related: ['2110.07602', '2406.14036'],
    match: [{ key: 'prefix_projection', tunes: true }],
  },
  {
    id: 'prompt-tuning',
    label: 'Prompt tuning',
    papers: ['2104.08691'],
    why: 'Learns a few soft-prompt embeddings prepended to the input; at large model sizes it matches full fine-tuning.',
    related: ['2303.02861', '2410.17222', '2309.05173', '2212.03220', '2306.15706', '2303.04751', '2305.18993', '2308.10061', '2303.11403'],
    match: [{ key: /^(num_virtual_tokens|prompt_tuning_init|prompt_tuning_init_text)$/, tunes: true }],
  },
  {
    id: 'p-tuning',
    label: 'P-tuning',
    papers: ['2103.10385'],
    why: 'Produces the soft prompt with a small trainable encoder (MLP or LSTM), which makes prompt learning more stable.',
    related: ['2110.07602'],
    match: [{ key: /^encoder_(reparameterization_type|hidden_size|num_layers|dropout)$/, tunes: true }],
  },
  {
    id: 'loha',
    label: 'LoHa',
    papers: ['2108.06098'],
    why: 'Writes the update as the Hadamard product of two low-rank pairs: a higher effective rank for the same parameter count.',
  },
  {
    id: 'lokr',
    label: 'LoKr',
    papers: ['2309.14859'],
    why: 'Writes the update as a Kronecker product of small matrices (LyCORIS): very few parameters even for large layers.',
    related: ['2106.04647'],
    match: [{ key: /^(decompose_both|decompose_factor)$/, tunes: true }],
  },
  {
    id: 'oft',
    label: 'OFT',
    papers: ['2306.07280'],
    why: 'Multiplies weights by a learned block-diagonal orthogonal matrix, keeping the angles between neurons and with them pretrained knowledge.',
    related: ['2311.06243', '2506.19847', '2405.17484'],
    match: [
      { key: 'finetuning_type', value: 'oft', format: 'llamafactory' },
      { key: /^(oft_rank|oft_block_size|oft_target)$/, format: 'llamafactory', tunes: true },
    ],
  },
  { id: 'boft', label: 'BOFT', papers: ['2311.06243'], why: 'Builds the orthogonal matrix from butterfly factors, so orthogonal fine-tuning needs far fewer parameters.' },
  {
    id: 'vera',
    label: 'VeRA',
    papers: ['2310.11454'],
    why: 'Shares one pair of frozen random low-rank matrices across layers and learns only scaling vectors: ten times fewer parameters than LoRA.',
    related: ['2405.15179', '2405.17604', '2405.03003'],
    match: [{ key: /^(projection_prng_key|save_projection|vera_dropout|d_initial)$/, tunes: true }],
  },
  { id: 'fourierft', label: 'FourierFT', papers: ['2405.03003'], why: 'Learns a few spectral coefficients per weight and recovers the update with an inverse Fourier transform.' },
  { id: 'vblora', label: 'VB-LoRA', papers: ['2405.15179'], why: 'Assembles every low-rank vector from a shared bank of sub-vectors, storing adapters in a tiny fraction of LoRA’s size.' },
  { id: 'hra', label: 'HRA', papers: ['2405.17484'], why: 'Adapts weights with a chain of Householder reflections, between low-rank and orthogonal fine-tuning.' },
  { id: 'miss', label: 'MiSS (Bone)', papers: ['2409.15371'], why: 'Updates weights through a small shared block matrix, a cheap alternative to LoRA (formerly called Bone).' },
  { id: 'ln-tuning', label: 'LayerNorm tuning', papers: ['2312.11420'], why: 'Trains only the LayerNorm parameters: a tiny yet strong baseline for some tasks.' },
  { id: 'poly', label: 'Polytropon', papers: ['2202.13914'], why: 'Learns an inventory of LoRA "skills" and a per-task routing over them for multi-task transfer.', related: ['2211.03831'] },
  { id: 'xlora', label: 'X-LoRA', papers: ['2402.07148'], why: 'Mixes several trained LoRA adapters per token with a learned gate: a mixture of LoRA experts.', related: ['2402.08562'] },
  { id: 'tinylora', label: 'LoRA-XS / TinyLoRA', papers: ['2405.17604'], why: 'Trains only a small r×r matrix between frozen SVD factors of the weight, so the parameter count no longer grows with model width.', related: ['2411.19557', '2502.14482'] },
  { id: 'cpt', label: 'Context-aware prompt tuning', papers: ['2410.17222'], why: 'Tunes only the embeddings of in-context examples with projected, adversarial-style updates for few-shot classification.' },
  { id: 'mpt', label: 'Multitask prompt tuning', papers: ['2303.02861'], why: 'Distils one soft prompt from many source tasks and adapts it per task with a low-rank update.' },
  {
    id: 'llama-adapter',
    label: 'LLaMA-Adapter',
    papers: ['2303.16199'],
    why: 'Prepends learnable adaption prompts to the top layers with zero-initialised gating: instruction-tunes LLaMA with 1.2M parameters.',
    related: ['1902.00751', '2112.06825', '2208.09847', '2411.13127', '2310.03059', '2410.17779'],
    match: [{ key: 'adapter', value: 'llama-adapter', format: 'axolotl' }],
  },
  { id: 'qalora', label: 'QA-LoRA', papers: ['2309.14717'], why: 'Group-wise quantization-aware LoRA: the merged model stays in the quantized format.' },
  { id: 'alora', label: 'Activated LoRA', papers: ['2504.12397'], why: "Switches the adapter on only after an invocation sequence, so the base model's KV cache is reused." },
  { id: 'velora', label: 'VeLoRA', papers: ['2405.17991'], why: "Compresses the activations LoRA keeps for the backward pass by projecting token chunks to rank one." },
  { id: 'layer-replication', label: 'Depth up-scaling', papers: ['2312.15166'], why: 'Grows a model by duplicating layers before further training; PEFT’s layer_replication builds such stacks with shared weights.' },
  {
    id: 'galore',
    label: 'GaLore',
    papers: ['2403.03507'],
    why: 'Projects full-weight gradients onto a low-rank subspace so optimizer states shrink while every weight still trains.',
    related: ['2407.08296', '2405.18380', '2412.19616', '2406.02214', '2402.15751'],
    match: [
      { key: /^(use_galore|galore_(target|rank|update_interval|scale|proj_type|layerwise))$/, format: 'llamafactory' },
      { key: 'optim', value: /^galore_/ },
      { key: 'optimizer', value: /^galore_/ },
    ],
  },
  { id: 'q-galore', label: 'Q-GaLore', papers: ['2407.08296'], why: 'GaLore with INT8 weights and INT4 projections: 7B training within 16 GB.' },
  {
    id: 'optim-8bit',
    label: '8-bit optimizers',
    papers: ['2110.02861'],
    why: "Stores Adam's moments in 8 bits with block-wise quantization: three quarters less optimizer memory at the same accuracy.",
    match: [
      { key: 'optim', value: /8bit/ },
      { key: 'optimizer', value: /8bit/ },
    ],
  },
  {
    id: 'gradient-checkpointing',
    label: 'Gradient checkpointing',
    papers: ['1604.06174'],
    why: 'Keeps only some activations and recomputes the rest during backward: activation memory falls to about √n layers for roughly a third more compute.',
    related: ['2306.00477'],
    match: [
      { key: 'enable_activation_checkpointing' },
      { key: 'disable_gradient_checkpointing', format: 'llamafactory' },
    ],
  },
  {
    id: 'zero',
    label: 'ZeRO',
    papers: ['1910.02054'],
    why: 'Partitions optimizer states, gradients and (stage 3) weights across data-parallel GPUs instead of replicating them on each.',
    match: [{ key: 'deepspeed' }, { key: /^(fsdp|fsdp_config)$/ }],
  },
  {
    id: 'flash-attention',
    label: 'FlashAttention',
    papers: ['2205.14135'],
    why: 'Computes exact attention in tiles without materialising the n×n score matrix, so attention memory grows linearly with sequence length.',
    match: [
      { key: 'attn_implementation', value: /^flash_attention/ },
      { key: 'flash_attn', value: /^fa\d/, format: 'llamafactory' },
    ],
  },
  { id: 'int8', label: 'LLM.int8()', papers: ['2208.07339'], why: 'Quantises weights to 8 bits while keeping outlier features in 16 bits: half the weight memory without accuracy loss.' },
  { id: 'lora-fa', label: 'LoRA-FA', papers: ['2308.03303'], why: "Freezes LoRA's A and trains only B, so the adapter's input activations need not be stored." },
  {
    id: 'lisa',
    label: 'LISA',
    papers: ['2403.17919'],
    why: 'Trains a few randomly sampled layers at a time and freezes the rest: near full fine-tuning quality at LoRA-like memory.',
    related: ['2410.11772', '2405.18380'],
  },
  { id: 'relora', label: 'ReLoRA', papers: ['2307.05695'], why: 'Merges and restarts LoRA periodically, so a series of low-rank updates adds up to a high-rank one.', match: [{ key: /^relora_\w+$/, format: 'axolotl' }] },
  { id: 'neftune', label: 'NEFTune', papers: ['2310.05914'], why: 'Adds uniform noise to input embeddings during instruction tuning, which measurably improves chat quality.' },
  {
    id: 'freeze',
    label: 'Freeze tuning',
    papers: [],
    why: 'Trains only the last (or first) few layers in full and freezes the rest: no adapter, memory between LoRA and full fine-tuning.',
    related: ['2403.17919', '2410.11772', '2309.01479', '2205.11005', '2406.14130'],
    match: [
      { key: 'finetuning_type', value: 'freeze', format: 'llamafactory' },
      { key: 'name', value: 'freeze', format: 'llamafactory' },
      { key: /^freeze_(trainable_layers|trainable_modules|extra_modules)$/, format: 'llamafactory', tunes: true },
    ],
  },
  {
    id: 'full',
    label: 'Full fine-tuning',
    papers: [],
    why: 'Trains every weight: the quality reference, at the cost of weights, gradients and optimizer states for the whole model.',
    related: ['2403.03507', '2403.17919', '2110.02861', '1910.02054'],
    match: [
      { key: 'finetuning_type', value: 'full', format: 'llamafactory' },
      { key: '_component_', value: /^torchtune\.models\.\w+\.(?!q?lora_)\w+$/, format: 'torchtune' },
    ],
  },
];

const BY_ID = new Map(CONCEPTS.map((c) => [c.id, c]));

export function concept(id: string): Concept | undefined {
  return BY_ID.get(id);
}

/** The concept a paper introduced (its first paper), for the one line on why it matters. */
export function conceptOfPaper(paperId: string): Concept | undefined {
  return CONCEPTS.find((c) => c.papers[0] === paperId);
}
