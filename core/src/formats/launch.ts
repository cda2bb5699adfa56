/**
 * How many GPUs a file says it runs on, when its tool has no key for it: the first-line
 * `# peft-lens: gpus=8` comment, else a launch command written in a comment (configs that ship with
 * their tool usually carry one: `# accelerate launch --num_processes 4 ...`, `# torchrun --nproc_per_node 8`,
 * `# deepspeed --num_gpus 8`, LLaMA-Factory's `# FORCE_TORCHRUN=1 NPROC_PER_NODE=4 llamafactory-cli train ...`).
 * The count is the world size, which is what ZeRO-3 and FSDP shard across.
 */
import { lensComment } from '../detect';
import type { Sourced, TrainingPlan } from '../plan';

/** The key a first-line `# peft-lens: gpus=N` count is shown under. */
export const LENS_KEY = 'peft-lens gpus';

/** Comment lines are only searched at the top of the file and in its comments, up to this many characters. */
const SCAN = 16 * 1024;

/**
 * One launcher flag each: accelerate 1.x's `--num_processes` is the total over machines; torchrun's and
 * `tune run`'s `--nproc_per_node` is per node (times `--nnodes`); the DeepSpeed launcher's `--num_gpus` per node
 * (times `--num_nodes`); LLaMA-Factory 0.9.6's launcher reads `NPROC_PER_NODE` and `NNODES`.
 */
const LAUNCHERS: { flag: RegExp; nodes?: RegExp }[] = [
  { flag: /--num[_-]processes[ =](\d+)/ },
  { flag: /--nproc[_-]per[_-]node[ =](\d+)/, nodes: /--nnodes[ =](\d+)/ },
  { flag: /--num[_-]gpus[ =](\d+)/, nodes: /--num[_-]nodes[ =](\d+)/ },
  { flag: /\bNPROC_PER_NODE=(\d+)/, nodes: /\bNNODES=(\d+)/ },
];

/** The GPU count the file's comments state, with the span of the number and the flag it came from. */
export function gpusFromComments(text: string): Sourced<number> | undefined {
  const stated = lensComment(text).gpus;
  if (stated !== undefined && /^\d+$/.test(stated)) {
    const at = text.search(/gpus\s*=\s*\d/);
    const start = text.indexOf(stated, at);
    return { value: Number(stated), key: LENS_KEY, span: { start, end: start + stated.length } };
  }
  for (const line of commentLines(text.slice(0, SCAN))) {
    for (const { flag, nodes } of LAUNCHERS) {
      const m = flag.exec(line.text);
      if (!m) continue;
      const perNode = Number(m[1]);
      const n = nodes ? Number(nodes.exec(line.text)?.[1] ?? 1) : 1;
      const start = line.offset + m.index + m[0].length - m[1].length;
      if (perNode > 0) return { value: perNode * n, key: m[0].slice(0, m[0].length - m[1].length - 1), span: { start, end: start + m[1].length } };
    }
  }
  return undefined;
}

function* commentLines(text: string): Generator<{ text: string; offset: number }> {
  let offset = 0;
  for (const line of text.split('\n')) {
    const hash = line.search(/^\s*#/);
    if (hash >= 0) yield { text: line, offset };
    offset += line.length + 1;
  }
}

/**
 * The plan with the comments' GPU count where the file's keys gave none: a stated count beats one the
 * format assumed (torchtune's recipe header), and a count read from a key (TRL's `num_processes`) beats both.
 */
export function withCommentGpus(plan: TrainingPlan, text: string): TrainingPlan {
  const current = plan.training.gpus;
  if (current && !current.assumed) return plan;
  const gpus = gpusFromComments(text);
  if (!gpus || (current && gpus.key !== LENS_KEY)) return plan;
  return { ...plan, training: { ...plan.training, gpus } };
}
