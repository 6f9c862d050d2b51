/**
 * Directives in HTML comments, in the style of markdownlint:
 *   <!-- alignment-terms pin inner-alignment=generalization-focused -->
 *   <!-- alignment-terms-disable [term ...] --> ... <!-- alignment-terms-enable [term ...] -->
 *   <!-- alignment-terms-disable-next-line [term ...] -->
 * Only real HTML nodes count: a directive shown inside a code block is code.
 */
import type { Span } from '../types';

/** One id written in a directive, with its source span (for unknown-pin and its fix). */
export interface DirectiveId {
  value: string;
  span: Span;
}

/** A parsed directive. */
export type Directive =
  | { kind: 'pin'; span: Span; term: DirectiveId; sense: DirectiveId | null }
  | { kind: 'disable' | 'enable' | 'disable-next-line'; span: Span; terms: DirectiveId[] }
  | { kind: 'malformed'; span: Span; message: string };

const COMMENT = /<!--\s*alignment-terms(-disable-next-line|-disable|-enable|\b)([\s\S]*?)-->/g;
const WORD = /[^\s,=]+(?:=[^\s,]*)?/g;

/**
 * Extracts the directives in one piece of HTML: its `value` as the parser read it
 * (container prefixes such as block quote marks left out) and its source `span`.
 */
export function parseDirectives(value: string, span: Span, text: string): Directive[] {
  if (!value.includes('alignment-terms')) return [];
  const nodeStart = span.start;
  const verbatim = text.slice(nodeStart, span.end) === value;
  const out: Directive[] = [];
  COMMENT.lastIndex = 0;
  for (let m = COMMENT.exec(value); m; m = COMMENT.exec(value)) {
    const at = (i: number) => (verbatim ? nodeStart + i : nodeStart);
    const found = { start: at(m.index), end: verbatim ? at(m.index + m[0].length) : span.end };
    const argsStart = m.index + m[0].length - 3 - m[2].length; // args end right before "-->"
    const words: DirectiveId[] = [];
    WORD.lastIndex = 0;
    for (let w = WORD.exec(m[2]); w; w = WORD.exec(m[2])) {
      words.push({ value: w[0], span: { start: at(argsStart + w.index), end: at(argsStart + w.index + w[0].length) } });
    }
    const suffix = m[1];
    if (suffix === '') {
      if (words[0]?.value !== 'pin') {
        out.push({ kind: 'malformed', span: found, message: `unknown directive '${words[0]?.value ?? ''}'; expected 'alignment-terms pin TERM=SENSE'` });
        continue;
      }
      const assignment = words[1];
      if (!assignment) {
        out.push({ kind: 'malformed', span: found, message: "'alignment-terms pin' needs TERM=SENSE" });
        continue;
      }
      const eq = assignment.value.indexOf('=');
      const termText = eq < 0 ? assignment.value : assignment.value.slice(0, eq);
      const senseText = eq < 0 ? '' : assignment.value.slice(eq + 1);
      const term = { value: termText, span: { start: assignment.span.start, end: assignment.span.start + termText.length } };
      const sense = senseText ? { value: senseText, span: { start: assignment.span.start + eq + 1, end: assignment.span.end } } : null;
      out.push({ kind: 'pin', span: found, term, sense });
      continue;
    }
    const kind = suffix.slice(1) as 'disable' | 'enable' | 'disable-next-line';
    out.push({ kind, span: found, terms: words });
  }
  return out;
}
