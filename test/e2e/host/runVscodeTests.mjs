// Runs the extension test suite in a real VS Code extension host: unchanged @vscode/test-electron runTests(),
// pointed at the shim instead of a downloaded VS Code. Arguments: the workspace folder to open.
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { REPO, RUN_DIR } from './paths.mjs';

const workspace = process.argv[2];
const shim = join(REPO, 'test/e2e/host/vscodeShim.mjs');
try {
  await runTests({
    vscodeExecutablePath: shim,
    extensionDevelopmentPath: REPO,
    extensionTestsPath: join(REPO, 'out/e2e/vscode/index.js'),
    launchArgs: [workspace, `--user-data-dir=${join(RUN_DIR, 'vscode-user')}`, `--extensions-dir=${join(RUN_DIR, 'vscode-ext')}`],
  });
} catch (error) {
  console.error(`runTests: ${error.message}`);
  process.exit(1);
}
