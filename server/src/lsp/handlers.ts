/**
 * LSP request handlers as functions of a draft's context: each converts positions,
 * delegates to a core feature and shapes the answer. No state, no I/O beyond the
 * `readFile` a caller passes in; server.ts wires them to the connection and catches.
 */
import {
  CodeActionKind,
  CompletionItemKind,
  CreateFile,
  MarkupKind,
  TextDocumentEdit,
  type WorkspaceEdit,
  type CodeAction,
  type CodeActionParams,
  type CompletionItem,
  type Diagnostic,
  type Hover,
  type Location,
  type Position,
  type TextEdit as LspTextEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis, Registry } from '../core';
import { completionsAt, definitionTargetAt, draftGlossary, draftStatus, termsSectionEdit, glossaryEntryPosition, hoverAt, pinEdit, quickFixes, safeFixEdits } from '../core/features';
import type { Finding } from '../core/types';
import { avoidInGlossary, pinInGlossary } from '../core/glossary/edit';
import { LineIndex } from '../core/positions';
import { rangesTouch, sameRange, SOURCE, toDiagnostic, toOffset, toRange, toTextEdit, type DiagnosticData } from './convert';
import { pathToUri } from './paths';
import { PIN_SENSE_COMMAND, type DraftStatusResult, type PinEditResult, type StatusSummary } from './protocol';

/** The house glossary a workspace-level quick fix edits: its path, current text (undefined: to be created) and open version. */
export interface HouseGlossary {
  uri: string;
  text: string | undefined;
  /** The open editor's version, or null when the file is not open. */
  version: number | null;
}

/** Everything a handler needs about one draft: the document, its registry and its analysis. */
export interface DraftContext {
  document: TextDocument;
  registry: Registry;
  analysis: Analysis;
}

/** The code action kind of fix-all. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.${SOURCE}`;
/** The code action kind that appends the draft's glossary as a Terms section. */
export const TERMS_SECTION_KIND = `${CodeActionKind.Source}.addTermsSection.${SOURCE}`;

/** Diagnostics of the draft's findings. */
export function diagnosticsOf({ document, analysis }: DraftContext): Diagnostic[] {
  return analysis.findings.map((f) => toDiagnostic(analysis.doc.lines, f, document.version));
}

/** The hover card at `position`, with command links that pin a sense. */
export function hover({ document, registry, analysis }: DraftContext, position: Position): Hover | null {
  const lines = analysis.doc.lines;
  const pinLink = (term: string, sense: string) => `command:${PIN_SENSE_COMMAND}?${encodeURIComponent(JSON.stringify([{ uri: document.uri, term, sense }]))}`;
  const card = hoverAt(analysis, registry, toOffset(lines, position), { pinLink });
  return card ? { contents: { kind: MarkupKind.Markdown, value: card.markdown }, range: toRange(lines, card.span) } : null;
}

/**
 * Code actions: quick fixes for the findings under the client's diagnostics (or, when
 * a client sends none of ours, the findings touching the range), and fix-all when
 * the client asks for `source.fixAll` kinds.
 */
export function codeActions(context: DraftContext, params: CodeActionParams, documentChanges: boolean, house?: HouseGlossary): CodeAction[] {
  const { document, analysis } = context;
  const lines = analysis.doc.lines;
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
  const actions: CodeAction[] = [];
  const edit = (edits: LspTextEdit[]) =>
    documentChanges ? { documentChanges: [TextDocumentEdit.create({ uri: document.uri, version: document.version }, edits)] } : { changes: { [document.uri]: edits } };

  if (wants(CodeActionKind.QuickFix)) {
    const matched = matchFindings(context, params);
    for (const action of quickFixes(analysis, matched.map((m) => m.finding))) {
      actions.push({
        title: action.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: action.findings.map((f) => matched.find((m) => m.finding === f)!.diagnostic),
        isPreferred: action.preferred || undefined,
        edit: edit(action.fix.edits.map((e) => toTextEdit(lines, e))),
      });
    }
  }
  if (wants(CodeActionKind.QuickFix) && house) actions.push(...houseActions(context, matchFindings(context, params), house, documentChanges));
  // A source action: listed when the client asks for source actions (VS Code's "Source Action..." menu).
  if (only && wants(TERMS_SECTION_KIND)) {
    const terms = termsSectionEdit(analysis, context.registry);
    if (terms) actions.push({ title: 'Add a "Terms" section with the definitions this draft relies on', kind: TERMS_SECTION_KIND, edit: edit([toTextEdit(lines, terms)]) });
  }
  if (only && wants(FIX_ALL_KIND)) {
    const edits = safeFixEdits(analysis.findings);
    if (edits.length) actions.push({ title: 'Fix all safe alignment-terms problems', kind: FIX_ALL_KIND, edit: edit(edits.map((e) => toTextEdit(lines, e))) });
  }
  return actions;
}

/**
 * Quick fixes that write to the house glossary, once per ambiguous term: pin its
 * likely sense (or, without one, each sense) for the whole workspace, and add the
 * phrase as written to the avoid list (with the likely sense's unambiguous
 * alternative as the replacement, when there is one). A glossary that cannot be
 * edited safely (broken YAML) gets no action; a missing one is created.
 */
function houseActions({ analysis, registry }: DraftContext, matched: { finding: Finding; diagnostic: Diagnostic }[], house: HouseGlossary, documentChanges: boolean): CodeAction[] {
  const out: CodeAction[] = [];
  const seen = new Set<string>();
  const workspaceEdit = (result: ReturnType<typeof pinInGlossary>): WorkspaceEdit | null => {
    if (!result.ok || result.edits.length === 0) return null;
    const lines = new LineIndex(house.text ?? '');
    const edits = result.edits.map((e) => toTextEdit(lines, e));
    if (result.create || house.text === undefined) {
      if (!documentChanges) return null; // creating a file needs resource operations
      return { documentChanges: [CreateFile.create(house.uri, { ignoreIfExists: true }), TextDocumentEdit.create({ uri: house.uri, version: null }, edits)] };
    }
    return documentChanges ? { documentChanges: [TextDocumentEdit.create({ uri: house.uri, version: house.version }, edits)] } : { changes: { [house.uri]: edits } };
  };
  for (const { finding, diagnostic } of matched) {
    if (finding.rule !== 'ambiguous-term' || !finding.term || seen.has(finding.term)) continue;
    seen.add(finding.term);
    const term = registry.terms.get(finding.term);
    const occurrence = analysis.occurrences.find((o) => o.status === 'ambiguous' && o.span.start === finding.span.start);
    if (!term || !occurrence) continue;
    const senses = occurrence.likelySense ? term.senses.filter((s) => s.id === occurrence.likelySense) : term.senses;
    for (const sense of senses) {
      const edit = workspaceEdit(pinInGlossary(house.text, term.id, sense.id));
      if (edit) out.push({ title: `Pin ${term.label} to "${sense.label}" for the whole workspace`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit });
    }
    const likely = term.senses.find((s) => s.id === occurrence.likelySense);
    const use = /misalign/i.test(occurrence.text) ? likely?.alternatives.negative : likely?.alternatives.positive;
    const avoid = workspaceEdit(avoidInGlossary(house.text, { phrase: occurrence.text.toLowerCase(), ...(use ? { use } : {}), reason: `${term.label} has ${term.senses.length} senses; say which one` }));
    if (avoid) out.push({ title: `Add "${occurrence.text.toLowerCase()}" to the house avoid list`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: avoid });
  }
  return out;
}

/** Pairs the client's diagnostics with the current analysis's findings (stateless quick fixes). */
function matchFindings({ document, analysis }: DraftContext, params: CodeActionParams): { finding: Finding; diagnostic: Diagnostic }[] {
  const lines = analysis.doc.lines;
  const out: { finding: Finding; diagnostic: Diagnostic }[] = [];
  const ours = params.context.diagnostics.filter((d) => d.source === SOURCE);
  for (const diagnostic of ours) {
    const data = diagnostic.data as Partial<DiagnosticData> | undefined;
    const rule = data?.rule ?? diagnostic.code;
    const candidates = analysis.findings.filter((f) => f.rule === rule && (data?.term === undefined || f.term === data.term));
    const finding =
      candidates.find((f) => sameRange(toRange(lines, f.span), diagnostic.range)) ??
      // The client may have moved the range with edits it made since; fall back to overlap.
      candidates.find((f) => rangesTouch(toRange(lines, f.span), diagnostic.range));
    if (finding && !out.some((m) => m.finding === finding)) out.push({ finding, diagnostic });
  }
  if (ours.length === 0) {
    for (const finding of analysis.findings) {
      if (rangesTouch(toRange(lines, finding.span), params.range)) out.push({ finding, diagnostic: toDiagnostic(lines, finding, document.version) });
    }
  }
  return out;
}

/** Completion of term and sense ids in front matter pins and directives. */
export function completion(document: TextDocument, lines: Analysis['doc']['lines'], registry: Registry, position: Position, analysis?: Analysis): CompletionItem[] {
  const offset = toOffset(lines, position);
  return completionsAt(document.getText(), lines, registry, offset, analysis).map((entry) => ({
    label: entry.label,
    kind: entry.kind === 'term' ? CompletionItemKind.Constant : CompletionItemKind.EnumMember,
    detail: entry.detail,
    documentation: { kind: MarkupKind.Markdown, value: entry.documentation },
    sortText: entry.sortText,
    filterText: entry.insertText,
    preselect: entry.preselect,
    textEdit: { range: toRange(lines, entry.replace), newText: entry.insertText },
  }));
}

/**
 * Go to definition: the registry entry of the term (or pinned sense) at `position`,
 * in the innermost house glossary file that defines or overrides it, else in the
 * shipped registry files.
 */
export function definition(
  { analysis, registry }: DraftContext,
  position: Position,
  shipped: string[],
  readFile: (file: string) => string | undefined,
): Location | null {
  const target = definitionTargetAt(analysis, toOffset(analysis.doc.lines, position));
  if (!target) return null;
  for (const file of [...[...registry.files].reverse(), ...shipped]) {
    const text = readFile(file);
    const at = text === undefined ? null : glossaryEntryPosition(text, target.term, target.sense);
    if (!at) continue;
    const start = { line: at.line - 1, character: at.column - 1 };
    return { uri: pathToUri(file), range: { start, end: { line: start.line, character: start.character + at.length } } };
  }
  return null;
}

/** The status summary pushed after each publish. */
export function statusOf({ document, analysis, registry }: DraftContext): StatusSummary {
  const status = draftStatus(analysis, registry);
  return { uri: document.uri, version: document.version, enabled: true, ambiguousTerms: status.ambiguousTerms, ambiguousUses: status.ambiguousUses, errors: status.errors };
}

/** The draft's status with the terms it uses (for the pin picker). */
export function draftStatusOf(context: DraftContext): DraftStatusResult {
  return { ...statusOf(context), terms: draftStatus(context.analysis, context.registry).terms };
}

/** The edits that pin `term` to `sense` in the front matter, or null for unknown ids. */
export function pinEditOf({ document, analysis, registry }: DraftContext, term: string, sense: string): PinEditResult | null {
  const edit = pinEdit(analysis, registry, term, sense);
  return edit ? { version: document.version, edits: [toTextEdit(analysis.doc.lines, edit)] } : null;
}

/** "The definitions this draft relies on" as Markdown. */
export function glossaryOf({ document, analysis, registry }: DraftContext): string {
  const name = decodeURIComponent(document.uri.slice(Math.max(document.uri.lastIndexOf('/'), document.uri.lastIndexOf(':')) + 1));
  return draftGlossary(analysis, registry, { title: name });
}
