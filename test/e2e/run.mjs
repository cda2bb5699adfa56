// `npm run test:e2e`: the extension in real editors. Stages (all by default, or those named as arguments):
//   nvim         Neovim 0.7 headless against dist/server.js --stdio: pushed diagnostics and hover
//   vscode       the extension test suite inside a real VS Code 1.139 extension host (test/e2e/vscode/)
//   screenshots  the packaged .vsix installed into code-server, driven by Chromium like a user (docs/screenshots/)
// Needs the host from scripts/setup-vscode-host.sh; a missing piece fails the stage with the reason.
// Ends with one `N passed, N failed` line over all checks; exit code 1 when anything failed.
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, RUN_DIR } from './host/paths.mjs';
import { takeScreenshots } from './screenshots.mjs';

const STAGES = { nvim: runNvim, vscode: runVscode, screenshots: runScreenshots };
const totals = { passed: 0, failed: 0 };

/** Runs a command, echoing its output, and returns the output and exit code; kills it after `timeoutMs`. */
function run(command, args, options = {}, timeoutMs = 600_000) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'], ...options });
    const timer = setTimeout(() => {
      process.stderr.write(`e2e: ${command} ${args.join(' ')} still running after ${timeoutMs} ms, killed\n`);
      child.kill('SIGTERM');
    }, timeoutMs);
    let output = '';
    const echo = (stream) => (chunk) => {
      output += chunk;
      stream.write(chunk);
    };
    child.stdout.on('data', echo(process.stdout));
    child.stderr.on('data', echo(process.stderr));
    child.on('error', (error) => resolve({ code: 127, output: `${output}\n${error.message}` }));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, output });
    });
  });
}

function count(passed, failed) {
  totals.passed += passed;
  totals.failed += failed;
}

async function build() {
  const steps = [
    ['node', ['esbuild.mjs']],
    ['node', ['test/e2e/build.mjs']],
  ];
  for (const [command, args] of steps) {
    const { code } = await run(command, args);
    if (code !== 0) throw new Error(`build failed: ${command} ${args.join(' ')}`);
  }
}

/** A fresh copy of the examples and fixtures, so tests may edit files without touching the repository. */
function prepareWorkspace() {
  const ws = join(RUN_DIR, 'workspace');
  rmSync(ws, { recursive: true, force: true });
  mkdirSync(ws, { recursive: true });
  cpSync(join(REPO, 'examples'), join(ws, 'examples'), { recursive: true });
  cpSync(join(REPO, 'test/e2e/fixtures'), join(ws, 'fixtures'), { recursive: true });
  return ws;
}

// hover: zero-based line:character of a LoRA rank key, whose hover links the LoRA paper (arXiv 2106.09685).
const NVIM_CASES = [
  { file: 'fixtures/axolotl-wrong-type.yml', hover: '3:2', code: 'schema/wrong-type', hoverText: 'arxiv.org/abs/2106.09685' },
  { file: 'fixtures/peft/adapter_config.json', hover: '4:3', code: 'schema/wrong-type', hoverText: 'arxiv.org/abs/2106.09685' },
];

async function runNvim(ws) {
  for (const c of NVIM_CASES) {
    console.log(`nvim: ${c.file}`);
    const env = { ...process.env, PEFT_LENS_FILE: join(ws, c.file), PEFT_LENS_HOVER: c.hover, PEFT_LENS_EXPECT_CODE: c.code, PEFT_LENS_EXPECT_HOVER: c.hoverText };
    const { code, output } = await run('nvim', ['--headless', '--clean', '-c', 'luafile test/e2e/nvim/smoke.lua'], { env }, 60_000);
    const passed = (output.match(/^ok /gm) ?? []).length;
    const failed = (output.match(/^not ok /gm) ?? []).length;
    count(passed, failed || (code === 0 ? 0 : 1));
  }
}

async function runVscode(ws) {
  const { code, output } = await run('node', ['test/e2e/host/runVscodeTests.mjs', ws]);
  const m = /vscode: (\d+) passed, (\d+) failed/.exec(output);
  if (m) count(Number(m[1]), Number(m[2]) || (code === 0 ? 0 : 1));
  else count(0, 1);
}

async function runScreenshots(ws) {
  const { passed, failed } = await takeScreenshots(ws);
  count(passed, failed);
}

async function main() {
  const names = process.argv.slice(2);
  const stages = names.length > 0 ? names : Object.keys(STAGES);
  const unknown = stages.filter((s) => !(s in STAGES));
  if (unknown.length > 0) throw new Error(`unknown stage ${unknown.join(', ')}; stages: ${Object.keys(STAGES).join(', ')}`);
  const started = Date.now();
  await build();
  const ws = prepareWorkspace();
  for (const stage of stages) {
    const t = Date.now();
    console.log(`\n=== e2e: ${stage} ===`);
    try {
      await STAGES[stage](ws);
    } catch (error) {
      console.error(`e2e ${stage} failed: ${error.message}`);
      count(0, 1);
    }
    console.log(`=== e2e: ${stage} took ${((Date.now() - t) / 1000).toFixed(1)} s ===`);
  }
  console.log(`\ne2e took ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main()
  .catch((error) => {
    console.error(`e2e: ${error.message}`);
    count(0, 1);
  })
  .finally(() => {
    console.log(`${totals.passed} passed, ${totals.failed} failed`);
    process.exitCode = totals.failed > 0 || totals.passed === 0 ? 1 : 0;
  });
