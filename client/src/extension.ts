/**
 * The VS Code extension: starts the alignment-terms language server (dist/server.js)
 * over IPC for Markdown drafts and `.alignment-terms.yaml` glossaries, and adds the
 * commands and the status bar item. `activate()` returns the LanguageClient, so tests
 * and other extensions can talk to the server.
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { PIN_SENSE_COMMAND } from '../../server/src/lsp/protocol';
import { registerCommands } from './commands';
import { registerConceptMap } from './conceptMap';
import { StatusItem } from './status';

let client: LanguageClient | undefined;

/** Starts the language server and registers commands; resolves to the running client. */
export async function activate(context: vscode.ExtensionContext): Promise<LanguageClient> {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'markdown' }, { scheme: 'file', pattern: '**/.alignment-terms.yaml' }],
    diagnosticCollectionName: 'alignment-terms',
    outputChannelName: 'Alignment Terms',
    // Hover cards link to one command only: pinning a sense.
    markdown: { isTrusted: { enabledCommands: [PIN_SENSE_COMMAND] } },
  };
  client = new LanguageClient('alignmentTerms', 'Alignment Terms', serverOptions, clientOptions);
  const status = new StatusItem(client);
  context.subscriptions.push(status, ...registerCommands(client));
  registerConceptMap(context, client);
  await client.start();
  return client;
}

/** Stops the language server. */
export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
