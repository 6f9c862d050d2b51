/**
 * A minimal LSP client for protocol tests: starts `node dist/server.js --stdio` as a
 * child process and speaks JSON-RPC over its stdio with vscode-languageserver-protocol.
 * It answers workspace/configuration from the test's settings, records every
 * publishDiagnostics, and lets tests wait for notifications by predicate (events,
 * never sleeps).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import {
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  ExitNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { ensureBuilt, SERVER } from './build';

/** Options of startServer. */
export interface StartOptions {
  /** alignmentTerms settings per document URI (or one object for all). */
  settings?: Record<string, unknown> | ((scopeUri: string | undefined) => Record<string, unknown>);
  workspaceFolders?: string[];
  capabilities?: ClientCapabilities;
}

/** Client capabilities of a typical editor (VS Code-like) for the features under test. */
export const CAPABILITIES: ClientCapabilities = {
  workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true }, workspaceEdit: { documentChanges: true } },
  textDocument: {
    synchronization: { dynamicRegistration: false },
    publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } }, isPreferredSupport: true, dataSupport: true },
    completion: { completionItem: { snippetSupport: false, documentationFormat: ['markdown'] } },
  },
};

/** A running server and the client side of its connection. */
export class TestClient {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams[]>();
  readonly notifications: { method: string; params: unknown }[] = [];
  readonly stderr: string[] = [];
  readonly registrations: unknown[] = [];
  private readonly waiters: { test: () => boolean; resolve: () => void }[] = [];
  private exited: number | null = null;

  private constructor(readonly process: ChildProcessWithoutNullStreams, readonly connection: ProtocolConnection) {}

  /** Builds if needed, starts the server, and completes the initialize handshake. */
  static async start(options: StartOptions = {}): Promise<TestClient> {
    ensureBuilt();
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: 'pipe' });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const client = new TestClient(child, connection);
    child.stderr.on('data', (chunk) => client.stderr.push(String(chunk)));
    child.on('exit', (code) => {
      client.exited = code ?? -1;
      client.settle();
    });
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      const list = client.diagnostics.get(params.uri) ?? [];
      list.push(params);
      client.diagnostics.set(params.uri, list);
      client.settle();
    });
    for (const method of ['alignmentTerms/didChangeStatus', 'window/logMessage']) {
      connection.onNotification(method, (params: unknown) => {
        client.notifications.push({ method, params });
        client.settle();
      });
    }
    const settings = options.settings ?? {};
    connection.onRequest(ConfigurationRequest.type, (params) =>
      params.items.map((item) => (item.section === 'alignmentTerms' ? (typeof settings === 'function' ? settings(item.scopeUri) : settings) : null)),
    );
    connection.onRequest(RegistrationRequest.type, (params) => {
      client.registrations.push(...params.registrations);
      client.settle();
    });
    connection.listen();
    const folders = options.workspaceFolders ?? [];
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: folders[0] ? uri(folders[0]) : null,
      workspaceFolders: folders.map((f) => ({ uri: uri(f), name: f })),
      capabilities: options.capabilities ?? CAPABILITIES,
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  /** Messages the server logged at error level (window/logMessage type 1): a handler that failed. */
  loggedErrors(): string[] {
    return this.notifications.filter((n) => n.method === 'window/logMessage' && (n.params as { type: number }).type === 1).map((n) => (n.params as { message: string }).message);
  }

  /** Whether the server process is still running. */
  get alive(): boolean {
    return this.exited === null;
  }

  /** Opens a Markdown document. */
  open(docUri: string, text: string, version = 1, languageId = 'markdown'): Promise<void> {
    return this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: docUri, languageId, version, text } });
  }

  /** Sends one didChange with the given content changes. */
  change(docUri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<void> {
    return this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: docUri, version }, contentChanges: changes });
  }

  /** Closes a document. */
  close(docUri: string): Promise<void> {
    return this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: docUri } });
  }

  /** The latest diagnostics published for `docUri`, if any. */
  latest(docUri: string): PublishDiagnosticsParams | undefined {
    const list = this.diagnostics.get(docUri);
    return list?.[list.length - 1];
  }

  /**
   * Resolves with the latest publishDiagnostics for `docUri` once it satisfies
   * `predicate` (immediately if the latest one already does).
   */
  diagnosticsFor(docUri: string, predicate: (p: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    return this.until(() => {
      const latest = this.latest(docUri);
      return latest && predicate(latest) ? latest : undefined;
    }, `diagnostics for ${docUri}`);
  }

  /** Resolves with the first notification of `method` after index `since` satisfying `predicate`. */
  notification<T>(method: string, predicate: (params: T) => boolean, since = 0): Promise<T> {
    return this.until(() => this.notifications.slice(since).find((n) => n.method === method && predicate(n.params as T))?.params as T | undefined, method);
  }

  /** Waits (event-driven) until `probe` returns a value; fails if the server exits first. */
  until<T>(probe: () => T | undefined, what: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const test = () => {
        const value = probe();
        if (value !== undefined) {
          resolve(value);
          return true;
        }
        if (this.exited !== null) {
          reject(new Error(`server exited (code ${this.exited}) while waiting for ${what}; stderr: ${this.stderr.join('')}`));
          return true;
        }
        return false;
      };
      if (!test()) this.waiters.push({ test, resolve: () => undefined });
    });
  }

  /** Re-tests every pending wait (called on each message from the server). */
  settle(): void {
    for (let i = this.waiters.length - 1; i >= 0; i--) if (this.waiters[i].test()) this.waiters.splice(i, 1);
  }

  /** Shuts the server down politely, then makes sure the process is gone. */
  async stop(): Promise<void> {
    if (this.alive) {
      try {
        await this.connection.sendRequest(ShutdownRequest.type);
        await this.connection.sendNotification(ExitNotification.type);
      } catch {
        /* already gone */
      }
    }
    this.connection.dispose();
    if (this.alive) this.process.kill();
  }
}

/** The file URI of an absolute path. */
export function uri(file: string): string {
  return pathToFileURL(file).href;
}

/** Applies LSP text edits to `text` (non-overlapping, any order). */
export function applyLspEdits(text: string, edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const offset = (p: { line: number; character: number }) => (starts[p.line] ?? text.length) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const edit of sorted) out = out.slice(0, offset(edit.range.start)) + edit.newText + out.slice(offset(edit.range.end));
  return out;
}
