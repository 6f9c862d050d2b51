/**
 * The language server's wiring: documents, settings, glossaries and the analysis
 * cache, connected to LSP. Diagnostics are published on open and, debounced, on
 * change, only for the version they were computed from, and cleared on close.
 * Every handler catches: a failure is logged and answered empty, and the server
 * stays up.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex } from '../core';
import { AnalysisCache } from './analysis-cache';
import { registerConceptMap } from './concept-map';
import { GlossaryService } from './glossaries';
import * as handlers from './handlers';
import { isGlossaryUri, pathToUri, uriToPath } from './paths';
import { Methods, type DraftParams, type GlossaryResult, type PinEditParams, type StatusSummary } from './protocol';
import { SettingsCache, withRuleOverrides } from './settings';

/** Milliseconds to wait after a change before re-checking (a burst of keystrokes is checked once). */
export const DEBOUNCE_MS = 150;

/** Options of startServer. */
export interface ServerOptions {
  /** Folder of the shipped registry YAML (for go to definition). Defaults to ../server/registry next to the bundle. */
  registryDir?: string;
}

/** Connects the alignment-terms server to `connection` and starts listening. */
export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  const analyses = new AnalysisCache();
  const log = (message: string) => connection.console.log(message);
  const registryDir = options.registryDir ?? path.resolve(__dirname, '..', 'server', 'registry');
  const shipped = ['recommended.yaml', 'strict.yaml'].map((f) => path.join(registryDir, f).split(path.sep).join('/'));
  let settings: SettingsCache = new SettingsCache(connection, false);
  let documentChanges = false;
  const glossaries = new GlossaryService({
    openText: (file) => documents.get(pathToUri(file))?.getText(),
    publish: (uri, diagnostics) => void connection.sendDiagnostics({ uri, diagnostics }),
    log,
  });

  const isDraft = (document: TextDocument) => !isGlossaryUri(document.uri) && (document.languageId === 'markdown' || /\.(?:md|markdown|mdown|mkd)$/i.test(document.uri));

  /** A draft's context for a request, or null (unknown document, disabled, or a newer version arrived meanwhile). */
  async function contextFor(uri: string): Promise<handlers.DraftContext | null> {
    const document = documents.get(uri);
    if (!document || !isDraft(document)) return null;
    const current = await settings.get(uri);
    if (!current.enable || documents.get(uri)?.version !== document.version) return null;
    const registry = withRuleOverrides(glossaries.registryFor(uriToPath(uri), current), current.rules);
    return { document, registry, analysis: analyses.get(document, registry) };
  }

  /** Wraps a handler: failures are logged and answered with `empty`. */
  function guard<P, R>(name: string, empty: R, handler: (params: P) => Promise<R> | R): (params: P) => Promise<R> {
    return async (params: P) => {
      try {
        return await handler(params);
      } catch (error) {
        connection.console.error(`alignment-terms: ${name} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
        return empty;
      }
    };
  }

  // --- diagnostics -------------------------------------------------------------
  const timers = new Map<string, NodeJS.Timeout>();
  /** Last published (version and registry) per draft, so an unchanged re-check publishes nothing. */
  const published = new Map<string, { version: number; registry: unknown }>();

  function schedule(uri: string, delay: number): void {
    clearTimeout(timers.get(uri));
    timers.set(uri, setTimeout(() => {
      timers.delete(uri);
      void validate(uri);
    }, delay));
  }

  const validate = guard('diagnostics', undefined, async (uri: string) => {
    const document = documents.get(uri);
    if (!document || !isDraft(document)) return;
    const current = await settings.get(uri);
    // A newer version arrived while the settings were fetched: its own timer will check it.
    if (documents.get(uri)?.version !== document.version) return;
    if (!current.enable) {
      if (published.get(uri)?.registry !== null) {
        published.set(uri, { version: document.version, registry: null });
        await connection.sendDiagnostics({ uri, version: document.version, diagnostics: [] });
        await connection.sendNotification(Methods.didChangeStatus, { uri, version: document.version, enabled: false, ambiguousTerms: [], ambiguousUses: 0, errors: 0 } satisfies StatusSummary);
      }
      return;
    }
    const registry = withRuleOverrides(glossaries.registryFor(uriToPath(uri), current), current.rules);
    const last = published.get(uri);
    if (last && last.version === document.version && last.registry === registry) return;
    const context = { document, registry, analysis: analyses.get(document, registry) };
    published.set(uri, { version: document.version, registry });
    await connection.sendDiagnostics({ uri, version: document.version, diagnostics: handlers.diagnosticsOf(context) });
    await connection.sendNotification(Methods.didChangeStatus, handlers.statusOf(context));
  });

  function recheckAll(): void {
    for (const document of documents.all()) if (isDraft(document)) schedule(document.uri, 0);
  }

  documents.onDidChangeContent(({ document }) => {
    if (isGlossaryUri(document.uri)) {
      const file = uriToPath(document.uri);
      if (file && glossaries.changed(file)) recheckAll();
      return;
    }
    if (isDraft(document)) schedule(document.uri, published.has(document.uri) ? DEBOUNCE_MS : 0);
  });
  documents.onDidClose(({ document }) => {
    clearTimeout(timers.get(document.uri));
    timers.delete(document.uri);
    analyses.drop(document.uri);
    settings.drop(document.uri);
    if (isGlossaryUri(document.uri)) {
      // The editor's unsaved text no longer counts; the file on disk does.
      const file = uriToPath(document.uri);
      if (file && glossaries.changed(file)) recheckAll();
      return;
    }
    if (published.delete(document.uri)) void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  });

  // --- lifecycle -----------------------------------------------------------------
  let watchDynamically = false;
  let configurationEvents = false;
  let workspaceFolderEvents = false;
  connection.onInitialize((params): InitializeResult => {
    const caps = params.capabilities;
    settings = new SettingsCache(connection, !!caps.workspace?.configuration);
    documentChanges = !!caps.workspace?.workspaceEdit?.documentChanges;
    watchDynamically = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    configurationEvents = !!caps.workspace?.didChangeConfiguration?.dynamicRegistration;
    workspaceFolderEvents = !!caps.workspace?.workspaceFolders;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    glossaries.setFolders(folders.map(uriToPath).filter((p): p is string => !!p));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, handlers.FIX_ALL_KIND, handlers.TERMS_SECTION_KIND], resolveProvider: false },
        completionProvider: { triggerCharacters: [':', '=', ' ', ',', '{'], resolveProvider: false },
        definitionProvider: true,
        workspace: workspaceFolderEvents ? { workspaceFolders: { supported: true, changeNotifications: true } } : undefined,
      },
      serverInfo: { name: 'alignment-terms' },
    };
  });

  connection.onInitialized(() => {
    if (watchDynamically) {
      // Every YAML file, because a glossary may `extends` a file of any name.
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{yaml,yml}' }] }).catch((e) => log(`alignment-terms: cannot watch glossary files: ${String(e)}`));
    }
    if (configurationEvents) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'alignmentTerms' }).catch(() => undefined);
    if (workspaceFolderEvents) {
      connection.workspace.onDidChangeWorkspaceFolders(async () => {
        const folders = (await connection.workspace.getWorkspaceFolders()) ?? [];
        glossaries.setFolders(folders.map((f) => uriToPath(f.uri)).filter((p): p is string => !!p));
        recheckAll();
      });
    }
  });

  connection.onDidChangeConfiguration((change) => {
    settings.clear(change.settings);
    recheckAll();
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    let relevant = false;
    for (const change of changes) {
      const file = uriToPath(change.uri);
      // An open glossary's editor text wins over disk, except when the file was deleted.
      if (file && (change.type === FileChangeType.Deleted || !documents.get(change.uri))) relevant = glossaries.changed(file) || relevant;
    }
    if (relevant) recheckAll();
  });

  // --- requests ------------------------------------------------------------------
  connection.onHover(guard('hover', null, async ({ textDocument, position }) => {
    const context = await contextFor(textDocument.uri);
    return context && handlers.hover(context, position);
  }));

  connection.onCodeAction(guard('codeAction', [], async (params) => {
    const context = await contextFor(params.textDocument.uri);
    if (!context) return [];
    const file = uriToPath(params.textDocument.uri);
    const target = file ? glossaries.houseGlossaryFor(file) : null;
    const house = target && {
      uri: pathToUri(target.path),
      text: documents.get(pathToUri(target.path))?.getText() ?? (target.exists && existsSync(target.path) ? readFileSync(target.path, 'utf8') : undefined),
      version: documents.get(pathToUri(target.path))?.version ?? null,
    };
    return handlers.codeActions(context, params, documentChanges, house ?? undefined);
  }));

  connection.onCompletion(guard('completion', [], async ({ textDocument, position }) => {
    const document = documents.get(textDocument.uri);
    if (!document || !isDraft(document)) return [];
    const current = await settings.get(document.uri);
    if (!current.enable) return [];
    const registry = withRuleOverrides(glossaries.registryFor(uriToPath(document.uri), current), current.rules);
    // Completion never waits for an analysis: typing in a large draft stays fast. A cached one only ranks senses.
    const analysis = analyses.peek(document.uri, document.version);
    return handlers.completion(document, analysis?.doc.lines ?? new LineIndex(document.getText()), registry, position, analysis);
  }));

  connection.onDefinition(guard('definition', null, async ({ textDocument, position }) => {
    const context = await contextFor(textDocument.uri);
    const read = (file: string) => documents.get(pathToUri(file))?.getText() ?? (existsSync(file) ? readFileSync(file, 'utf8') : undefined);
    return context && handlers.definition(context, position, shipped, read);
  }));

  connection.onRequest(Methods.draftStatus, guard('draftStatus', null, async ({ uri }: DraftParams) => {
    const context = await contextFor(uri);
    return context && handlers.draftStatusOf(context);
  }));

  connection.onRequest(Methods.pinEdit, guard('pinEdit', null, async ({ uri, term, sense }: PinEditParams) => {
    const context = await contextFor(uri);
    return context && handlers.pinEditOf(context, term, sense);
  }));

  connection.onRequest(Methods.glossary, guard('glossary', null, async ({ uri }: DraftParams): Promise<GlossaryResult | null> => {
    const context = await contextFor(uri);
    return context && { markdown: handlers.glossaryOf(context) };
  }));

  connection.onRequest(Methods.memory, () => process.memoryUsage());

  registerConceptMap(connection, contextFor);

  documents.listen(connection);
  connection.listen();
}
