/**
 * Go to definition: which registry entry a position in a draft refers to (a term
 * occurrence -> its term; a written pin -> the pinned sense), and where that entry is
 * written in a glossary's YAML text. Reading the files is the host's job.
 */
import { isMap, isScalar, LineCounter, parseDocument, type YAMLMap } from 'yaml';
import type { Analysis } from '../service';
import type { Span } from '../types';
import { occurrenceAt } from './describe';
import { pinAt } from './pins';

/** The registry entry a position refers to, and the span of the text that refers to it. */
export interface DefinitionTarget {
  term: string;
  /** Set when the position names a sense (a pin), so the sense entry is the target. */
  sense?: string;
  span: Span;
}

/** The registry entry referred to at `offset`, or null. */
export function definitionTargetAt(analysis: Analysis, offset: number): DefinitionTarget | null {
  const occurrence = occurrenceAt(analysis, offset);
  if (occurrence) return { term: occurrence.term, span: occurrence.span };
  const pin = pinAt(analysis, offset);
  if (!pin) return null;
  const onSense = pin.senseSpan && pin.senseSpan.start <= offset && offset <= pin.senseSpan.end;
  return { term: pin.term, sense: pin.sense || undefined, span: onSense ? pin.senseSpan! : pin.termSpan };
}

/**
 * The 1-based line and column (and the key's length) of `terms.<term>` (or `terms.<term>.senses.<sense>`,
 * falling back to the term when the sense is not written in this file) in glossary
 * YAML `text`, or null when this file does not define or override the term. Never
 * throws, even on broken YAML.
 */
export function glossaryEntryPosition(text: string, term: string, sense?: string): { line: number; column: number; length: number } | null {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false });
  const keyIn = (map: unknown, key: string): { offset: number; value: unknown } | null => {
    if (!isMap(map)) return null;
    for (const pair of (map as YAMLMap).items) {
      if (isScalar(pair.key) && String(pair.key.value) === key && pair.key.range) return { offset: pair.key.range[0], value: pair.value };
    }
    return null;
  };
  const terms = keyIn(doc.contents, 'terms');
  const entry = terms && keyIn(terms.value, term);
  if (!entry) return null;
  const senseEntry = sense ? keyIn(keyIn(entry.value, 'senses')?.value, sense) : null;
  const p = lineCounter.linePos((senseEntry ?? entry).offset);
  return { line: p.line, column: p.col, length: (senseEntry ? sense! : term).length };
}
