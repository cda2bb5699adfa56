// Runs the extension test suite in a real VS Code extension host: unchanged @vscode/test-electron runTests(),
// pointed at the shim instead of a downloaded VS Code. Arguments: the workspace folder to open.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { REPO, RUN_DIR } from './paths.mjs';

const workspace = process.argv[2];
const shim = join(REPO, 'test/e2e/host/vscodeShim.mjs');
// A fresh profile each run: no editors restored from the last session, no settings a failed test left behind.
const userDataDir = join(RUN_DIR, 'vscode-user');
const extensionsDir = join(RUN_DIR, 'vscode-ext');
for (const dir of [userDataDir, extensionsDir]) rmSync(dir, { recursive: true, force: true });
try {
  await runTests({
    vscodeExecutablePath: shim,
    extensionDevelopmentPath: REPO,
    extensionTestsPath: join(REPO, 'out/e2e/vscode/index.js'),
    launchArgs: [workspace, `--user-data-dir=${userDataDir}`, `--extensions-dir=${extensionsDir}`],
  });
} catch (error) {
  console.error(`runTests: ${error.message}`);
  process.exit(1);
}
