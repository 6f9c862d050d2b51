/**
 * Edits to a house glossary that the editor makes for the user: "pin this sense for
 * the whole workspace" and "add this phrase to the house avoid list". Each is a
 * minimal text edit: everything outside it (comments, key order, quoting, blank
 * lines, line endings) stays byte for byte as the user wrote it. The YAML is parsed
 * only to find where to write; it is never re-serialised. A glossary that does not
 * parse, or whose `pin` / `avoid` has the wrong shape, is left alone and the reason
 * comes back instead, so a user's file is never made worse.
 */
import { isMap, isScalar, isSeq, parseDocument, stringify, type Document, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { normalizePhrase } from '../phrases';
import type { TextEdit } from '../types';
import type { AvoidEntry } from './types';

/** The comment that opens a glossary the editor creates. */
export const GLOSSARY_HEADER = [
  '# House glossary for alignment-terms: house senses (pin), rule severities, added',
  '# terms and banned phrases (avoid) for every Markdown draft in this folder and below.',
  '# See "For teams" in the alignment-terms README for every key.',
].join('\n');

/** A computed edit, or why the glossary was left alone. */
export type GlossaryEdit =
  | {
      ok: true;
      /** True when the glossary does not exist yet: create it, then apply `edits` (one insertion into the empty file). */
      create: boolean;
      /** The edits, in offsets of the existing text; empty when the glossary already says this. */
      edits: TextEdit[];
      /** The whole glossary after the edit. */
      text: string;
    }
  | { ok: false; message: string };

/**
 * Pins `term` to `sense` in the glossary whose text is `existing` (undefined when
 * the file does not exist): changes the sense of an existing pin, adds an entry to
 * a block or flow `pin` map, or adds a `pin` map. Never throws.
 */
export function pinInGlossary(existing: string | undefined, term: string, sense: string): GlossaryEdit {
  if (existing === undefined) return created(`pin:\n  ${key(term)}: ${key(sense)}\n`);
  const parsed = parse(existing);
  if ('message' in parsed) return parsed;
  const { doc, eol } = parsed;
  const top = doc.contents;
  const pin = top && isMap(top) ? pairOf(top, 'pin') : undefined;
  if (!pin) return addTopLevel(existing, doc, eol, 'pin', [`${key(term)}: ${key(sense)}`], `{ ${key(term)}: ${key(sense)} }`);
  const value = pin.value;
  if (isEmpty(value)) return replaceEmpty(existing, pin, eol, [`${key(term)}: ${key(sense)}`], `{ ${key(term)}: ${key(sense)} }`);
  if (!isMap(value)) return { ok: false, message: "'pin' in the glossary is not a map (term: sense); fix it first" };
  const entry = pairOf(value, term);
  if (entry) {
    if (isScalar(entry.value) && entry.value.value === sense) return done(existing, []);
    if (!isScalar(entry.value) || !entry.value.range) return { ok: false, message: `the pin of ${term} in the glossary is not a plain value; fix it first` };
    return done(existing, [{ span: { start: entry.value.range[0], end: entry.value.range[1] }, newText: key(sense) }]);
  }
  return done(existing, [appendToMap(existing, value, eol, `${key(term)}: ${key(sense)}`)]);
}

/**
 * Adds `entry` to the `avoid` list of the glossary whose text is `existing`
 * (undefined when the file does not exist). A phrase already on the list (in any
 * spelling variant) is left as it is. Never throws.
 */
export function avoidInGlossary(existing: string | undefined, entry: AvoidEntry): GlossaryEdit {
  const fields = avoidFields(entry);
  if (!fields.length) return { ok: false, message: 'the phrase to avoid is empty' };
  if (existing === undefined) return created(`avoid:\n  - ${fields.join('\n    ')}\n`);
  const parsed = parse(existing);
  if ('message' in parsed) return parsed;
  const { doc, eol } = parsed;
  const top = doc.contents;
  const avoid = top && isMap(top) ? pairOf(top, 'avoid') : undefined;
  const flow = `{ ${avoidFields(entry, true).join(', ')} }`;
  if (!avoid) return addTopLevel(existing, doc, eol, 'avoid', blockItem(fields), `[ ${flow} ]`);
  const value = avoid.value;
  if (isEmpty(value)) return replaceEmpty(existing, avoid, eol, blockItem(fields), `[ ${flow} ]`);
  if (!isSeq(value)) return { ok: false, message: "'avoid' in the glossary is not a list; fix it first" };
  const wanted = normalizePhrase(entry.phrase);
  for (const item of value.items) {
    if (isMap(item) && normalizePhrase(String(item.get('phrase') ?? '')) === wanted) return done(existing, []);
  }
  return done(existing, [appendToSeq(existing, value, eol, fields, flow)]);
}

/** Applies edits (non-overlapping) to `text`; what a client does with GlossaryEdit.edits. */
export function applyTextEdits(text: string, edits: TextEdit[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.span.start - a.span.start)) out = out.slice(0, edit.span.start) + edit.newText + out.slice(edit.span.end);
  return out;
}

function created(body: string): GlossaryEdit {
  const text = `${GLOSSARY_HEADER}\nextends: recommended\n${body}`;
  return { ok: true, create: true, edits: [{ span: { start: 0, end: 0 }, newText: text }], text };
}

function done(existing: string, edits: TextEdit[]): GlossaryEdit {
  return { ok: true, create: false, edits, text: applyTextEdits(existing, edits) };
}

function parse(text: string): { doc: Document; eol: string } | { ok: false; message: string } {
  // parseDocument reports a second document (MULTIPLE_DOCS) as an error too.
  const doc = parseDocument(text);
  if (doc.errors.length) return { ok: false, message: `the glossary is not valid YAML (${doc.errors[0].message.split('\n')[0].replace(/:$/, '')}); fix it first` };
  if (doc.contents && !isMap(doc.contents) && !isEmpty(doc.contents)) return { ok: false, message: 'the glossary is not a map of keys; fix it first' };
  if (/^\.\.\.[ \t]*$/m.test(text)) return { ok: false, message: "the glossary has a YAML document end marker ('...'); remove it first" };
  return { doc, eol: eolOf(text) };
}

function eolOf(text: string): string {
  const lf = text.indexOf('\n');
  return lf > 0 && text[lf - 1] === '\r' ? '\r\n' : '\n';
}

/** A map entry by its key, if the key is written as a scalar. */
function pairOf(map: YAMLMap, name: string): Pair | undefined {
  return map.items.find((pair) => isScalar(pair.key) && String(pair.key.value) === name) as Pair | undefined;
}

/** `pin:` with nothing after it, or an explicit null (`~`, `null`). */
function isEmpty(node: unknown): boolean {
  return node === null || node === undefined || (isScalar(node) && node.value === null);
}

/** A term or sense id as written: bare when it is an id, else quoted. */
function key(id: string): string {
  return /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id) ? id : JSON.stringify(id);
}

/** A phrase, replacement or reason as a YAML scalar: bare when YAML reads it back as the same string. */
function scalar(text: string, flow: boolean): string {
  if (flow) return /^[A-Za-z][A-Za-z0-9 '\u2019-]*$/.test(text) && !/ $/.test(text) && !YAML_WORDS.test(text) ? text : JSON.stringify(text);
  return stringify(text, { lineWidth: 0, blockQuote: false }).replace(/\r?\n$/, '');
}

/** Plain words YAML would read as something other than a string. */
const YAML_WORDS = /^(?:true|false|yes|no|on|off|null|~)$/i;

function avoidFields(entry: AvoidEntry, flow = false): string[] {
  const fields: string[] = [];
  const phrase = entry.phrase.trim();
  if (!phrase) return fields;
  fields.push(`phrase: ${scalar(phrase, flow)}`);
  if (entry.use?.trim()) fields.push(`use: ${scalar(entry.use.trim(), flow)}`);
  if (entry.reason?.trim()) fields.push(`reason: ${scalar(entry.reason.trim(), flow)}`);
  return fields;
}

/** The lines of one block sequence item, relative to its dash: "- phrase: x", "  use: y". */
function blockItem(fields: string[]): string[] {
  return fields.map((field, i) => (i === 0 ? `- ${field}` : `  ${field}`));
}

/** Start of the line holding `offset`. */
function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** End of the line holding `offset` (before its line break). */
function lineEnd(text: string, offset: number): number {
  const lf = text.indexOf('\n', offset);
  if (lf < 0) return text.length;
  return lf > 0 && text[lf - 1] === '\r' ? lf - 1 : lf;
}

/** The indentation a file uses for a nested block map (default 2). */
function indentStep(doc: Document, text: string): number {
  const top = doc.contents;
  if (!isMap(top)) return 2;
  for (const pair of top.items) {
    const value = pair.value;
    if ((isMap(value) || isSeq(value)) && !value.flow && value.range && isScalar(pair.key) && pair.key.range) {
      const step = value.range[0] - lineStart(text, value.range[0]) - (pair.key.range[0] - lineStart(text, pair.key.range[0]));
      if (step > 0) return step;
    }
  }
  return 2;
}

/** Adds `name:` with `lines` as its block content (or `flow` inside a flow map) to the top-level map. */
function addTopLevel(existing: string, doc: Document, eol: string, name: string, lines: string[], flow: string): GlossaryEdit {
  const top = doc.contents;
  if (top && isMap(top) && top.flow && top.range) {
    const close = existing.lastIndexOf('}', top.range[1] - 1);
    const inner = existing.slice(top.range[0] + 1, close);
    const entry = `${name}: ${flow}`;
    if (!inner.trim()) return done(existing, [{ span: { start: top.range[0] + 1, end: close }, newText: ` ${entry} ` }]);
    const last = top.items[top.items.length - 1];
    const at = nodeEnd(last);
    return done(existing, [{ span: { start: at, end: at }, newText: `, ${entry}` }]);
  }
  let column = 0;
  if (top && isMap(top) && top.items[0] && isScalar(top.items[0].key) && top.items[0].key.range) {
    const first = top.items[0].key.range[0];
    column = first - lineStart(existing, first);
  }
  const indent = ' '.repeat(column);
  const step = ' '.repeat(indentStep(doc, existing));
  const block = [`${indent}${name}:`, ...lines.map((line) => `${indent}${step}${line}`)].join(eol) + eol;
  const end = existing.length;
  const needsBreak = end > 0 && !existing.endsWith('\n');
  return done(existing, [{ span: { start: end, end }, newText: `${needsBreak ? eol : ''}${block}` }]);
}

/** Fills a key written with no value (`pin:` or `pin: ~`). */
function replaceEmpty(existing: string, pair: Pair, eol: string, lines: string[], flow: string): GlossaryEdit {
  const keyNode = pair.key as { range?: [number, number, number] };
  const value = pair.value as { range?: [number, number, number] } | null;
  if (value && value.range && existing.slice(value.range[0], value.range[1]).trim()) {
    // An explicit null: `pin: ~` becomes `pin: { term: sense }`.
    return done(existing, [{ span: { start: value.range[0], end: value.range[1] }, newText: flow }]);
  }
  const keyStart = keyNode.range![0];
  const indent = ' '.repeat(keyStart - lineStart(existing, keyStart) + 2);
  const at = lineEnd(existing, keyNode.range![1]);
  return done(existing, [{ span: { start: at, end: at }, newText: lines.map((line) => `${eol}${indent}${line}`).join('') }]);
}

/** Where a node's own text ends (its value, not trailing comments or blank lines). */
function nodeEnd(node: unknown): number {
  const n = node as { value?: { range?: number[] }; range?: number[]; key?: { range?: number[] } };
  if (n.range) return n.range[1];
  if (n.value && n.value.range) return n.value.range[1];
  return n.key?.range?.[1] ?? 0;
}

/** An insertion that adds `entry` ("term: sense") as the last entry of a block or flow map. */
function appendToMap(existing: string, map: YAMLMap, eol: string, entry: string): TextEdit {
  if (map.flow) {
    if (map.items.length === 0) {
      const open = map.range![0];
      const close = existing.lastIndexOf('}', map.range![1] - 1);
      return { span: { start: open + 1, end: close }, newText: ` ${entry} ` };
    }
    const at = nodeEnd(map.items[map.items.length - 1]);
    return { span: { start: at, end: at }, newText: `, ${entry}` };
  }
  const firstKey = (map.items[0].key as { range: number[] }).range[0];
  const indent = existing.slice(lineStart(existing, firstKey), firstKey);
  const at = lineEnd(existing, Math.max(nodeEnd(map.items[map.items.length - 1]) - 1, 0));
  return { span: { start: at, end: at }, newText: `${eol}${indent}${entry}` };
}

/** An insertion that adds an avoid item as the last item of a block or flow sequence. */
function appendToSeq(existing: string, seq: YAMLSeq, eol: string, fields: string[], flow: string): TextEdit {
  if (seq.flow) {
    if (seq.items.length === 0) {
      const close = existing.lastIndexOf(']', seq.range![1] - 1);
      return { span: { start: seq.range![0] + 1, end: close }, newText: ` ${flow} ` };
    }
    const at = nodeEnd(seq.items[seq.items.length - 1]);
    return { span: { start: at, end: at }, newText: `, ${flow}` };
  }
  const firstItem = nodeStart(seq.items[0]);
  const dash = existing.lastIndexOf('-', firstItem);
  const dashIndent = existing.slice(lineStart(existing, dash), dash);
  const gap = existing.slice(dash + 1, firstItem).replace(/[^ ]/g, ' ');
  const lines = fields.map((field, i) => (i === 0 ? `${dashIndent}-${gap}${field}` : `${dashIndent} ${gap}${field}`));
  const at = lineEnd(existing, Math.max(nodeEnd(seq.items[seq.items.length - 1]) - 1, 0));
  return { span: { start: at, end: at }, newText: lines.map((line) => `${eol}${line}`).join('') };
}

function nodeStart(node: unknown): number {
  const n = node as { range?: number[] };
  return n.range ? n.range[0] : 0;
}
