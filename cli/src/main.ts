/**
 * `peft-lens`: the core as a command-line checker for CI and pre-commit.
 * Exit codes: 0 no errors, 1 errors found, 2 usage or I/O problems (message on stderr).
 */
import { availableParallelism } from 'node:os';
import { SIZE_LIMITS } from '../../core/src/index';
import type { EstimateOverrides } from '../../core/src/index';
import { parseArgs, UsageError } from './args';
import { rootFrom } from './boundary';
import { checkSerially } from './check';
import type { ContextFlags } from './context';
import { cliContext } from './context';
import { estimateFile, estimateJson, estimateText } from './estimate';
import { jsonReport } from './report/json';
import { sarifReport } from './report/sarif';
import { textReport } from './report/text';
import { checkInParallel, runAsCheckWorker } from './parallel';
import { expandPaths } from './walk';

declare const PEFT_LENS_VERSION: string;
/** Threads for `check`: more than this only adds start-up time. */
const MAX_JOBS = 16;
/** Files per thread below which `check` stays on one thread. */
const PARALLEL_FROM = 32;
const VERSION = typeof PEFT_LENS_VERSION === 'string' ? PEFT_LENS_VERSION : 'dev';

const HELP = `peft-lens ${VERSION}: checks parameter-efficient fine-tuning configs before you book a GPU.

Usage:
  peft-lens check <file|dir>... [--format text|json|sarif] [--ignore CODE]... [--catalog DIR] [--model-lookups] [--root DIR] [--jobs N]
      Validates PEFT adapter_config.json, axolotl, LLaMA-Factory, torchtune and TRL configs.
      Directories are walked for YAML/JSON files; unrelated files are skipped.
      --ignore takes an issue code (schema/unknown-key) or a family (schema/*); repeatable.
      --jobs N checks many files on N threads (default: the machine's cores; the report is the same).
  peft-lens estimate <file|dir>... [--json] [--batch N] [--seq N] [--gradient-checkpointing | --no-gradient-checkpointing]
                     [--precision bf16|fp16|fp32] [--optimizer NAME] [--gpus N] [--gpu NAME] [--model ID|PATH]
                     [--catalog DIR] [--model-lookups] [--root DIR] [--loop plain|trainer]
      Trainable parameters and training GPU memory for each config; flags override the file.
      --loop: a plain loop holds the model output through backward, transformers' Trainer frees it
      (default: what the format's tool runs; an adapter_config.json assumes plain).
      --json prints one object for one file, an array for several.
  A model that is not in the bundled catalog resolves from a local folder with its config.json (the
      config's path, --model PATH, or a config.json beside the config), from --catalog DIR (a folder of
      config.json files named by file or folder, or catalog JSON files), or from the Hub with --model-lookups.
  --model-lookups fetches config.json of models that are neither local nor bundled from the Hugging Face
      Hub (https, cached under ~/.cache/peft-lens/hub); without it nothing reaches the network.
  --root DIR reads nothing outside DIR (configs, local base models, symlinks resolved); the default is the
      current directory when the CI environment variable is set, else no limit.
  peft-lens --version | --help

Exit status: 0 no errors, 1 errors found, 2 usage or I/O error.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(`${HELP}\n`);
    return command ? 0 : 2;
  }
  if (command === '--version' || command === '-v') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  let root: string | undefined;
  const flagsOf = (flags: Record<string, unknown>): ContextFlags => {
    root = rootFrom(flags.root as string | undefined, process.env, process.cwd());
    return { root, catalog: typeof flags.catalog === 'string' ? flags.catalog : undefined, modelLookups: flags['model-lookups'] === true };
  };
  const contextFor = (flags: Record<string, unknown>) => cliContext(flagsOf(flags));
  if (command === 'check') {
    const args = parseArgs(rest, { format: { type: 'string', values: ['text', 'json', 'sarif'] }, ignore: { type: 'list' }, catalog: { type: 'string' }, 'model-lookups': { type: 'bool' }, root: { type: 'string' }, jobs: { type: 'int', max: MAX_JOBS } });
    const flags = flagsOf(args.flags);
    const ctx = cliContext(flags);
    if (args.positional.length === 0) throw new UsageError('check needs at least one file or directory');
    const ignore = (args.flags.ignore as string[] | undefined) ?? [];
    const targets = await expandPaths(args.positional, root);
    const jobs = Math.min((args.flags.jobs as number | undefined) ?? availableParallelism(), MAX_JOBS);
    // A thread starts in about the time a few dozen files take: only a longer list gains from more.
    const files = jobs > 1 && targets.length >= PARALLEL_FROM ? await checkInParallel(targets, ctx, flags, ignore, Math.min(jobs, Math.ceil(targets.length / PARALLEL_FROM))) : await checkSerially(targets, ctx, ignore);
    const format = (args.flags.format as string | undefined) ?? 'text';
    const out = format === 'json' ? jsonReport(files) : format === 'sarif' ? sarifReport(files, VERSION) : textReport(files);
    process.stdout.write(`${out}\n`);
    return files.some((f) => f.issues.some((i) => i.severity === 'error')) ? 1 : 0;
  }
  if (command === 'estimate') {
    const args = parseArgs(rest, {
      json: { type: 'bool' },
      batch: { type: 'int', max: SIZE_LIMITS.microBatchSize },
      seq: { type: 'int', max: SIZE_LIMITS.sequenceLength },
      'gradient-checkpointing': { type: 'bool' },
      precision: { type: 'string', values: ['bf16', 'fp16', 'fp32'] },
      optimizer: { type: 'string' },
      gpus: { type: 'int', max: SIZE_LIMITS.gpus },
      gpu: { type: 'string' },
      model: { type: 'string' },
      catalog: { type: 'string' },
      loop: { type: 'string', values: ['plain', 'trainer'] },
      'model-lookups': { type: 'bool' },
      root: { type: 'string' },
    });
    const ctx = contextFor(args.flags);
    if (args.positional.length === 0) throw new UsageError('estimate needs a config file (or directories of them)');
    const f = args.flags;
    const overrides: EstimateOverrides = {
      microBatchSize: f.batch as number | undefined,
      sequenceLength: f.seq as number | undefined,
      gradientCheckpointing: f['gradient-checkpointing'] as boolean | undefined,
      precision: f.precision as EstimateOverrides['precision'],
      optimizer: f.optimizer as string | undefined,
      gpus: f.gpus as number | undefined,
      gpu: f.gpu as string | undefined,
      model: f.model as string | undefined,
      loop: f.loop as EstimateOverrides['loop'],
    };
    const targets = await expandPaths(args.positional, root);
    const results = [];
    for (const target of targets) {
      const result = await estimateFile(target.path, ctx, overrides);
      if (result.format || target.explicit) results.push(result);
    }
    // One file gives one JSON object (the contract); several give an array of them.
    const single = targets.length === 1 && targets[0].explicit;
    const out = f.json ? (single ? estimateJson(results[0]) : `[${results.map(estimateJson).join(',\n')}]`) : results.map(estimateText).join('\n\n');
    process.stdout.write(`${out}\n`);
    return results.some((r) => r.issues.some((i) => i.severity === 'error')) ? 1 : 0;
  }
  throw new UsageError(`unknown command "${command}" (expected check or estimate)`);
}

if (!runAsCheckWorker()) main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const usage = err instanceof UsageError;
    process.stderr.write(`peft-lens: ${err instanceof Error ? err.message : String(err)}${usage ? '\nRun `peft-lens --help` for usage.' : ''}\n`);
    process.exitCode = 2;
  },
);
