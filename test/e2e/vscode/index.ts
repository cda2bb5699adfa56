/**
 * Entry point of the VS Code extension tests (`extensionTestsPath`): the extension host calls `run()`.
 * Each imported file registers its tests; they run in this order.
 */
import { runAll } from './harness';
import './diagnostics.test';
import './hover.test';
import './features.test';
import './commands.test';
import './snippets.test';
import './fit.test';
import './insert.test';
import './structure.test';
import './targets.test';
import './typing.test';
import './unresolved.test';
import './messages.test';
import './gpuPicker.test';

export function run(): Promise<void> {
  return runAll();
}
