/**
 * The concept map view: command `alignmentTerms.showConceptMap` opens a webview
 * beside the active Markdown draft showing its concept map (the registry's
 * implication diagrams and senses, the draft's terms outlined with the sense each
 * is in). The view follows the active editor and redraws, debounced, as the draft
 * changes. The SVG comes from the language server (request
 * `alignmentTerms/conceptMap`), so the map always agrees with the diagnostics.
 *
 * The webview runs no scripts and loads nothing: its Content-Security-Policy allows
 * only the nonce'd inline style; the SVG is inline markup built and escaped by the
 * server from registry data.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

/** The command id (contributes.commands in package.json). */
export const SHOW_CONCEPT_MAP_COMMAND = 'alignmentTerms.showConceptMap';

/** Must equal CONCEPT_MAP_METHOD in server/src/core/features/graph/protocol.ts (test/core/graph-protocol.test.ts checks). */
const CONCEPT_MAP_METHOD = 'alignmentTerms/conceptMap';

/** Wait after the last keystroke before redrawing: the map is for reading, not for every character. */
const REDRAW_DELAY_MS = 400;

/** The answer of the server's concept-map request (see the server's protocol module). */
interface ConceptMapResult {
  uri: string;
  version: number;
  format: 'svg' | 'mermaid' | 'dot';
  text: string;
}

/**
 * Registers the command and everything the view needs; the returned disposable (also
 * pushed onto `context.subscriptions`) closes the view and stops following editors.
 */
export function registerConceptMap(context: vscode.ExtensionContext, client: LanguageClient): vscode.Disposable {
  const view = new ConceptMapView(client);
  const command = vscode.commands.registerCommand(SHOW_CONCEPT_MAP_COMMAND, () => view.show());
  const disposable = vscode.Disposable.from(command, view);
  context.subscriptions.push(disposable);
  return disposable;
}

function isDraft(document: vscode.TextDocument): boolean {
  return document.languageId === 'markdown' && !/(?:^|[\\/])\.alignment-terms\.yaml$/.test(document.fileName);
}

/** One panel at most; it follows the active Markdown editor while open. */
class ConceptMapView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private document: vscode.TextDocument | undefined;
  private listeners: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** Increases per request, so a slow answer never replaces a newer one. */
  private generation = 0;
  /** The draft whose map is on screen, if any. */
  private shownUri: string | undefined;

  constructor(private readonly client: LanguageClient) {}

  show(): void {
    const editor = vscode.window.activeTextEditor;
    const document = editor && isDraft(editor.document) ? editor.document : vscode.window.visibleTextEditors.map((e) => e.document).find(isDraft);
    if (!document) {
      void vscode.window.showInformationMessage('Alignment Terms: open a Markdown draft to see its concept map.');
      return;
    }
    if (this.panel) this.panel.reveal(vscode.ViewColumn.Beside, true);
    else this.open();
    this.follow(document);
  }

  private open(): void {
    this.panel = vscode.window.createWebviewPanel('alignmentTerms.conceptMap', 'Concept map', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: false, enableCommandUris: false, localResourceRoots: [] });
    this.panel.onDidDispose(() => this.closed(), null, this.listeners);
    vscode.window.onDidChangeActiveTextEditor((editor) => {
      if (editor && isDraft(editor.document) && editor.document !== this.document) this.follow(editor.document);
    }, null, this.listeners);
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document === this.document && event.contentChanges.length) this.schedule(REDRAW_DELAY_MS);
    }, null, this.listeners);
    // A saved glossary (any YAML file: `extends` may name one of any name) can change every sense and arrow.
    vscode.workspace.onDidSaveTextDocument((document) => {
      if (/\.ya?ml$/i.test(document.fileName)) this.schedule(REDRAW_DELAY_MS);
    }, null, this.listeners);
  }

  private follow(document: vscode.TextDocument): void {
    this.document = document;
    if (this.panel) this.panel.title = `Concept map: ${basename(document.uri)}`;
    this.schedule(0);
  }

  private schedule(delay: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.render(), delay);
  }

  private async render(): Promise<void> {
    const panel = this.panel;
    const document = this.document;
    if (!panel || !document) return;
    const generation = ++this.generation;
    const uri = document.uri.toString();
    let result: ConceptMapResult | null = null;
    let failure: string | undefined;
    try {
      result = await this.client.sendRequest<ConceptMapResult | null>(CONCEPT_MAP_METHOD, { uri, format: 'svg' });
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    }
    if (generation !== this.generation || panel !== this.panel) return;
    if (result && result.format === 'svg') {
      panel.webview.html = page(panel.webview, basename(document.uri), result.text);
      this.shownUri = uri;
    } else if (this.shownUri !== uri) {
      // Mid-edit the server may decline (a newer version is on its way): keep the map that is shown.
      const why = failure ? `The language server did not answer: ${failure}` : 'No concept map for this document: alignment-terms checks Markdown drafts, and is disabled for this one (setting alignmentTerms.enable).';
      panel.webview.html = page(panel.webview, basename(document.uri), undefined, why);
      this.shownUri = undefined;
    }
  }

  private closed(): void {
    clearTimeout(this.timer);
    for (const listener of this.listeners) listener.dispose();
    this.listeners = [];
    this.panel = undefined;
    this.document = undefined;
    this.shownUri = undefined;
  }

  dispose(): void {
    this.panel?.dispose();
    this.closed();
  }
}

function basename(uri: vscode.Uri): string {
  return uri.path.split('/').pop() || uri.toString();
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * The webview's page. No scripts: "fit to width" is a checkbox and a CSS rule. The
 * map keeps its own white background, so it reads the same in dark themes.
 */
function page(webview: vscode.Webview, name: string, svg: string | undefined, message?: string): string {
  const nonce = randomBytes(16).toString('base64');
  const csp = `default-src 'none'; img-src ${webview.cspSource} data:; style-src 'nonce-${nonce}';`;
  const body = svg
    ? `<input type="checkbox" id="fit"><label for="fit">Fit to width</label><div class="map">${svg}</div>`
    : `<p class="message">${escapeHtml(message ?? '')}</p>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Concept map: ${escapeHtml(name)}</title>
<style nonce="${nonce}">
  body { margin: 0; padding: 8px 12px; background: var(--vscode-editor-background); color: var(--vscode-foreground); font-family: var(--vscode-font-family); }
  label { font-size: 12px; margin-left: 4px; user-select: none; }
  .map { margin-top: 8px; overflow: auto; }
  .map svg { display: block; border-radius: 6px; }
  #fit:checked ~ .map svg { width: 100%; height: auto; }
  .message { opacity: 0.8; }
</style>
</head>
<body>${body}</body>
</html>`;
}
