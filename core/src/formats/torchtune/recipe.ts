/**
 * Which recipe a config is for. `tune run <recipe> --config file.yaml` names the recipe on the command
 * line, not in the file, so it is read from the header comment every upstream config carries
 * ("... in lora_finetune_single_device.py", "tune run ... lora_finetune_distributed --config ...") and
 * otherwise inferred from the content (a LoRA builder, an optimizer, distributed-only keys).
 */
import type { ConfigDoc } from '../../document';
import { catalog, isLoraBuilder, resolveComponent } from './catalog';

export interface RecipeGuess {
  /** The recipe's name, when the header comment names one torchtune 0.7 ships. */
  name?: string;
  source: 'comment' | 'content';
  /** A training recipe (it reads dtype, optimizer, activation checkpointing ...), not generation or eval. */
  training: boolean;
  /** A recipe that reads `model.lora_rank`, `lora_alpha`, `lora_attn_modules`, `apply_lora_to_mlp`. */
  lora: boolean;
  /** Known to run under a distributed launcher (FSDP). Undefined when nothing says. */
  distributed?: boolean;
  /** Processes per node in the header's launch line (`tune run --nproc_per_node 8 ...`). */
  nprocPerNode?: number;
}

const NOT_TRAINING = new Set(['generate', 'eleuther_eval', 'quantize', 'dev/generate_v2', 'dev/generate_v2_distributed']);
const DISTRIBUTED_KEYS = ['fsdp_cpu_offload', 'fsdp_reshard_after_forward', 'custom_sharded_layers', 'data_parallel_shard_dim', 'tensor_parallel_plan'];

export function guessRecipe(doc: ConfigDoc, config: Record<string, unknown>): RecipeGuess {
  const header = headerComment(doc.text);
  const name = recipeFromComment(header);
  if (name) {
    const nproc = nprocFor(header, name);
    return { name, source: 'comment', training: !NOT_TRAINING.has(name), lora: catalog().lora_recipes.includes(name), distributed: name.includes('distributed'), ...(nproc ? { nprocPerNode: nproc } : {}) };
  }
  const model = config.model as Record<string, unknown> | undefined;
  const builder = typeof model?._component_ === 'string' ? resolveComponent(model._component_)?.entry : undefined;
  const distributed = DISTRIBUTED_KEYS.some((k) => config[k] !== undefined) ? true : undefined;
  return { source: 'content', training: config.optimizer !== undefined, lora: isLoraBuilder(builder), distributed };
}

/** The leading comment block: where upstream configs say how to launch them. */
function headerComment(text: string): string {
  const lines: string[] = [];
  for (const line of text.split('\n', 80)) {
    if (/^\s*#/.test(line)) lines.push(line);
    else if (line.trim() !== '') break;
  }
  return lines.join('\n');
}

function recipeFromComment(header: string): string | undefined {
  if (!header) return undefined;
  // "Config for ... in lora_finetune_single_device.py": the recipe the file was written for.
  for (const m of header.matchAll(/([\w/]+)\.py\b/g)) {
    const name = m[1].replace(/^recipes\//, '');
    if (catalog().recipes.includes(name)) return name;
  }
  // Otherwise the last launch line (earlier ones may prepare a teacher model with another recipe).
  const launches = [...header.matchAll(/tune run\b[^\n]*?\s([\w/]+)\s+--config\b/g)].map((m) => m[1]);
  return launches.reverse().find((n) => catalog().recipes.includes(n));
}

function nprocFor(header: string, recipe: string): number | undefined {
  for (const line of header.split('\n')) {
    if (!line.includes('tune run') || !line.includes(` ${recipe} `)) continue;
    const m = /--nproc_per_node[ =](\d+)/.exec(line);
    if (m) return Number(m[1]);
  }
  return undefined;
}
