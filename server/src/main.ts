/** Entry point of dist/server.js: `--stdio` (the default) or `--node-ipc` (what the VS Code client uses). */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

if (!process.argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'))) {
  process.argv.push('--stdio');
}
const connection = createConnection(ProposedFeatures.all);
// Anything printed to stdout would corrupt the stdio transport: route console output to the client log.
console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
console.info = console.log;
console.warn = (...args: unknown[]) => connection.console.warn(args.map(String).join(' '));
console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));
process.on('uncaughtException', (err) => connection.console.error(`[uncaught] ${err.stack ?? String(err)}`));
process.on('unhandledRejection', (err) => connection.console.error(`[unhandled rejection] ${String(err)}`));
startServer(connection);
