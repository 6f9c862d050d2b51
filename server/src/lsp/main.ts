/**
 * Entry point of the language server (bundled to dist/server.js). The transport is
 * chosen from the command line as vscode-languageserver does: `--stdio` for any LSP
 * client, `--node-ipc` when VS Code's client starts it. The process never exits
 * because of one bad request or document: stray errors are logged and ignored.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

const connection = createConnection(ProposedFeatures.all);

process.on('uncaughtException', (error) => connection.console.error(`alignment-terms: unexpected error: ${error.stack ?? error.message}`));
process.on('unhandledRejection', (reason) => connection.console.error(`alignment-terms: unexpected rejection: ${reason instanceof Error ? reason.stack ?? reason.message : String(reason)}`));

startServer(connection);
