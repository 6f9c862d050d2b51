/**
 * The status bar item: how many contested terms are still ambiguous in the active
 * draft. The server pushes a status after each check; switching editors asks for it.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Methods, PIN_SENSE_COMMAND, type DraftStatusResult, type StatusSummary } from '../../server/src/lsp/protocol';

/** Shows the active draft's ambiguous terms; hidden for other editors. */
export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('alignmentTerms.status', vscode.StatusBarAlignment.Right, 100);
  private readonly byUri = new Map<string, StatusSummary>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly client: LanguageClient) {
    this.item.name = 'Alignment Terms';
    this.item.command = PIN_SENSE_COMMAND;
    this.disposables.push(
      this.item,
      client.onNotification(Methods.didChangeStatus, (status: StatusSummary) => {
        this.byUri.set(status.uri, status);
        if (status.uri === this.activeUri()) this.render(status);
      }),
      vscode.window.onDidChangeActiveTextEditor(() => void this.refresh()),
      vscode.workspace.onDidCloseTextDocument((document) => this.byUri.delete(document.uri.toString())),
    );
    void this.refresh();
  }

  /** The last status of a draft, if the server sent one. */
  statusOf(uri: string): StatusSummary | undefined {
    return this.byUri.get(uri);
  }

  private activeUri(): string | undefined {
    const document = vscode.window.activeTextEditor?.document;
    return document?.languageId === 'markdown' ? document.uri.toString() : undefined;
  }

  private async refresh(): Promise<void> {
    const uri = this.activeUri();
    if (!uri) return this.item.hide();
    const known = this.byUri.get(uri);
    if (known) return this.render(known);
    if (!this.client.isRunning()) return this.item.hide();
    try {
      const status = await this.client.sendRequest<DraftStatusResult | null>(Methods.draftStatus, { uri });
      if (status && uri === this.activeUri()) {
        this.byUri.set(uri, status);
        this.render(status);
      }
    } catch {
      this.item.hide();
    }
  }

  private render(status: StatusSummary): void {
    if (!status.enabled) return this.item.hide();
    const count = status.ambiguousTerms.length;
    this.item.text = count ? `$(book) ${count} ambiguous ${count === 1 ? 'term' : 'terms'}` : '$(book) terms settled';
    this.item.tooltip = count
      ? `${status.ambiguousUses} ambiguous ${status.ambiguousUses === 1 ? 'use' : 'uses'} of ${status.ambiguousTerms.join(', ')}. Click to pin a sense.`
      : 'Every contested term in this draft has a settled sense.';
    this.item.backgroundColor = count ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
