#!/usr/bin/env node
// A stand-in "VS Code executable" for @vscode/test-electron's runTests({ vscodeExecutablePath }).
// No Electron or desktop VS Code can be downloaded here, so this runs the real VS Code 1.139 server from the
// code-server npm package, opens its workbench in headless Chromium with the extension-test payload (honoured
// only with --enable-smoke-test-driver), and exits with the extension host's exit code. The tests therefore run
// in a real node extension host, with the real vscode-languageclient talking to our server.
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CHROMIUM, NODE24, RUN_DIR, SERVER_MAIN, requireHost, requireTool } from './paths.mjs';
import { QUIET_SETTINGS } from './quietSettings.mjs';
import { freePort, killAllGroups, killGroupsOnExit, spawnGroup, waitForHttp } from './processes.mjs';

const TIMEOUT_MS = Number(process.env.PEFT_LENS_E2E_TIMEOUT_MS || 240_000);
const VERBOSE = !!process.env.PEFT_LENS_E2E_VERBOSE;
// Workbench log lines every run prints that say nothing about the extension: the offline gallery, auth
// providers, vsda wasm, connection set-up, AI features. PEFT_LENS_E2E_VERBOSE=1 shows them.
const NOISE = [/open-vsx\.org/, /ENOTFOUND/, /authentication provider/i, /vsda/, /service.?worker/i, /copilot/i, /\bchat\b/i,
  /Failed to load resource/, /connection token/, /Creating a socket/, /reconnection-grace-time/, /builtin extensions cache/,
  /AgentHost/, /AccountPolicyGate/, /Creation of workbench contribution/];

/** The desktop flags test-electron passes, reduced to what the server needs. */
function parseArgs(argv) {
  const flags = {};
  const positional = [];
  for (const arg of argv) {
    const m = /^--([^=]+)=(.*)$/.exec(arg);
    if (m) flags[m[1]] = m[2];
    else if (!arg.startsWith('--')) positional.push(arg);
  }
  if (!flags.extensionDevelopmentPath || !flags.extensionTestsPath) {
    throw new Error('usage: vscodeShim --extensionDevelopmentPath=DIR --extensionTestsPath=FILE [--user-data-dir=DIR] [--extensions-dir=DIR] [FOLDER]');
  }
  const profile = resolve(flags['user-data-dir'] ?? join(RUN_DIR, 'shim-user'));
  return {
    devPath: resolve(flags.extensionDevelopmentPath),
    testsPath: resolve(flags.extensionTestsPath),
    userDataDir: profile,
    extensionsDir: resolve(flags['extensions-dir'] ?? join(RUN_DIR, 'shim-ext')),
    folder: positional[0] ? resolve(positional[0]) : undefined,
  };
}

function writeUserSettings(userDataDir) {
  const dir = join(userDataDir, 'User');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'settings.json');
  if (existsSync(file)) return;
  writeFileSync(file, JSON.stringify(QUIET_SETTINGS, null, 2));
}

async function startServer(opts, port) {
  const args = [
    SERVER_MAIN, '--host', '127.0.0.1', '--port', String(port), '--without-connection-token',
    '--accept-server-license-terms', '--enable-smoke-test-driver', '--disable-telemetry', '--disable-workspace-trust',
    '--server-data-dir', join(opts.userDataDir, 'server'), '--user-data-dir', opts.userDataDir,
    '--extensions-dir', opts.extensionsDir,
  ];
  const server = spawnGroup(NODE24, args, { env: process.env, echo: VERBOSE });
  await waitForHttp(`http://127.0.0.1:${port}/version`, server.child, 60_000);
  return server;
}

function workbenchUrl(opts, port) {
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(opts.devPath)],
    ['extensionTestsPath', remote(opts.testsPath)],
    ['skipWelcome', 'true'],
  ];
  const folder = opts.folder ? `folder=${encodeURIComponent(opts.folder)}&` : '';
  return `http://127.0.0.1:${port}/?${folder}payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

function printLog(type, args) {
  const text = (Array.isArray(args) ? args : [args]).map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
  if (!VERBOSE && NOISE.some((re) => re.test(text))) return;
  (type === 'error' ? process.stderr : process.stdout).write(`${text}\n`);
}

async function runInBrowser(url) {
  const { chromium } = requireTool('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const exit = new Promise((resolveExit) => page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code))));
    await page.exposeFunction('codeAutomationLog', printLog);
    if (VERBOSE) page.on('console', (m) => process.stderr.write(`[browser] ${m.text()}\n`));
    await page.goto(url);
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`extension tests did not finish within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
    });
    try {
      return await Promise.race([exit, timeout]);
    } finally {
      clearTimeout(timer);
    }
  } finally {
    await browser.close().catch(() => undefined);
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  requireHost(NODE24, SERVER_MAIN, CHROMIUM);
  killGroupsOnExit();
  writeUserSettings(opts.userDataDir);
  const port = await freePort();
  const server = await startServer(opts, port);
  try {
    return await runInBrowser(workbenchUrl(opts, port));
  } catch (error) {
    process.stderr.write(`vscodeShim: ${error.message}\n--- VS Code server output (tail) ---\n${server.tail.slice(-40).join('\n')}\n`);
    return 1;
  } finally {
    killAllGroups();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`vscodeShim: ${error.message}\n`);
    killAllGroups();
    process.exit(1);
  },
);
