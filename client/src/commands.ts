/**
 * The extension's commands: restart the server, pin a sense for the active draft
 * (from a hover's link, or through a quick pick of term and sense), and show the
 * definitions the draft relies on.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Methods, PIN_SENSE_COMMAND, type DraftStatusResult, type GlossaryResult, type PinEditResult, type TermSummary } from '../../server/src/lsp/protocol';

/** Arguments of alignmentTerms.pinSense; all optional (missing ones are asked for). */
export interface PinSenseArgs {
  uri?: string;
  term?: string;
  sense?: string;
}

/** Registers the commands; returns their disposables. */
export function registerCommands(client: LanguageClient): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('alignmentTerms.restart', async () => {
      await client.restart();
      void vscode.window.setStatusBarMessage('Alignment Terms: server restarted', 3000);
    }),
    vscode.commands.registerCommand(PIN_SENSE_COMMAND, (args?: PinSenseArgs) => pinSense(client, args)),
    vscode.commands.registerCommand('alignmentTerms.showGlossary', () => showGlossary(client)),
  ];
}

function activeDraft(): vscode.TextDocument | undefined {
  const document = vscode.window.activeTextEditor?.document;
  if (document?.languageId === 'markdown') return document;
  void vscode.window.showInformationMessage('Alignment Terms: open a Markdown draft first.');
  return undefined;
}

/** Pins a term to a sense in the draft's front matter; asks for whatever `args` leaves out. */
async function pinSense(client: LanguageClient, args: PinSenseArgs = {}): Promise<boolean> {
  const document = args.uri ? await vscode.workspace.openTextDocument(vscode.Uri.parse(args.uri)) : activeDraft();
  if (!document) return false;
  const uri = document.uri.toString();
  let { term, sense } = args;
  if (!term || !sense) {
    const status = await client.sendRequest<DraftStatusResult | null>(Methods.draftStatus, { uri });
    const terms = (status?.terms ?? []).filter((t) => t.contested);
    const chosenTerm = term ? terms.find((t) => t.id === term) : await pickTerm(terms);
    if (!chosenTerm) {
      if (!terms.length) void vscode.window.showInformationMessage('Alignment Terms: this draft uses no contested term.');
      return false;
    }
    term = chosenTerm.id;
    sense = await pickSense(chosenTerm);
    if (!sense) return false;
  }
  // The edit is computed for one version of the draft; if the author typed meanwhile, ask again once.
  for (let attempt = 0; attempt < 2; attempt++) {
    const result = await client.sendRequest<PinEditResult | null>(Methods.pinEdit, { uri, term, sense });
    if (!result) {
      void vscode.window.showErrorMessage(`Alignment Terms: cannot pin ${term} to ${sense} (unknown term or sense).`);
      return false;
    }
    if (result.version !== document.version) continue;
    const edit = new vscode.WorkspaceEdit();
    edit.set(document.uri, await client.protocol2CodeConverter.asTextEdits(result.edits));
    return vscode.workspace.applyEdit(edit);
  }
  return false;
}

async function pickTerm(terms: TermSummary[]): Promise<TermSummary | undefined> {
  if (terms.length === 0) return undefined;
  const items = terms.map((t) => ({
    label: t.label,
    description: t.ambiguous ? `${t.ambiguous} of ${t.uses} ${t.uses === 1 ? 'use' : 'uses'} ambiguous` : t.pinned ? `pinned to ${t.pinned.sense}` : `${t.uses} ${t.uses === 1 ? 'use' : 'uses'}, settled`,
    term: t,
  }));
  const picked = items.length === 1 ? items[0] : await vscode.window.showQuickPick(items, { title: 'Pin a sense for this draft', placeHolder: 'Which term?' });
  return picked?.term;
}

async function pickSense(term: TermSummary): Promise<string | undefined> {
  const ordered = term.likely ? [...term.senses.filter((s) => s.id === term.likely), ...term.senses.filter((s) => s.id !== term.likely)] : term.senses;
  const items = ordered.map((s) => ({
    label: s.id === term.likely ? `$(lightbulb) ${s.label}` : s.label,
    description: [s.id === term.likely ? 'likely from the cues' : '', s.id === term.pinned?.sense ? 'pinned now' : '', s.citation].filter(Boolean).join(' · '),
    detail: s.oneLine,
    sense: s.id,
  }));
  const picked = await vscode.window.showQuickPick(items, { title: `Pin ${term.label} for this draft`, placeHolder: 'Which sense does this draft mean?', matchOnDetail: true });
  return picked?.sense;
}

/** Opens "the definitions this draft relies on" as a new Markdown document beside the draft. */
async function showGlossary(client: LanguageClient): Promise<void> {
  const document = activeDraft();
  if (!document) return;
  const result = await client.sendRequest<GlossaryResult | null>(Methods.glossary, { uri: document.uri.toString() });
  if (!result) {
    void vscode.window.showInformationMessage('Alignment Terms is disabled for this draft.');
    return;
  }
  // The page quotes definitions full of contested terms; the directive keeps it from being flagged itself.
  const content = `<!-- alignment-terms-disable -->\n${result.markdown}`;
  const page = await vscode.workspace.openTextDocument({ language: 'markdown', content });
  await vscode.window.showTextDocument(page, { viewColumn: vscode.ViewColumn.Beside, preview: true });
}
