/** Entry point of dist/server.js: `--stdio` (the default) or `--node-ipc` (what the VS Code client uses). */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { FrameGuard } from './framing';
import { startServer } from './server';

const transportGiven = process.argv.some((a) => a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'));
// On stdio the base protocol's framing is checked before vscode-jsonrpc reads it (see framing.ts).
const input = transportGiven
  ? undefined
  : process.stdin.pipe(
      new FrameGuard((err) => {
        const message = `[fatal] the input stream cannot be resynchronised: ${err.message}; exiting so that the client can restart the server`;
        process.stderr.write(`peft-lens: ${message}\n`);
        connection.console.error(message);
        setImmediate(() => process.exit(1));
      }),
    );
const connection = input ? createConnection(ProposedFeatures.all, input, process.stdout) : createConnection(ProposedFeatures.all);
// Anything printed to stdout would corrupt the stdio transport: route console output to the client log.
console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
console.info = console.log;
console.warn = (...args: unknown[]) => connection.console.warn(args.map(String).join(' '));
console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));
process.on('uncaughtException', (err) => connection.console.error(`[uncaught] ${err.stack ?? String(err)}`));
process.on('unhandledRejection', (err) => connection.console.error(`[unhandled rejection] ${String(err)}`));
startServer(connection);
