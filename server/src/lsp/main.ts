/**
 * Entry point of the language server (bundled to dist/server.js). The transport is
 * chosen from the command line as vscode-languageserver does: `--stdio` for any LSP
 * client, `--node-ipc` when VS Code's client starts it. The process never exits
 * because of one bad request or document: stray errors are logged and ignored.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { Reframer } from './framing';
import { startServer } from './server';

// Over stdio, frames pass through a Reframer: a garbled frame is dropped instead of
// leaving the reader misaligned for good (see framing.ts).
const stdio = process.argv.includes('--stdio');
let logDrop = (_reason: string) => undefined as void;
const connection = stdio
  ? createConnection(ProposedFeatures.all, process.stdin.pipe(new Reframer((reason) => logDrop(reason))), process.stdout)
  : createConnection(ProposedFeatures.all);
logDrop = (reason) => connection.console.error(`alignment-terms: dropped ${reason}`);
if (stdio) {
  // stdout carries the protocol: anything a dependency prints goes to the log instead.
  console.log = console.info = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
  console.warn = console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));
}

process.on('uncaughtException', (error) => connection.console.error(`alignment-terms: unexpected error: ${error.stack ?? error.message}`));
process.on('unhandledRejection', (reason) => connection.console.error(`alignment-terms: unexpected rejection: ${reason instanceof Error ? reason.stack ?? reason.message : String(reason)}`));

startServer(connection);
