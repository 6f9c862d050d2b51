/**
 * Value types shared by every stage of the engine. Plain data only: no classes with
 * behaviour, nothing from vscode or the file system.
 */

/** A half-open range of UTF-16 offsets into a document's text: [start, end). */
export interface Span {
  start: number;
  end: number;
}

/** Statuses an occurrence can have, in the order the resolver tries them. */
export type OccurrenceStatus = 'ignored' | 'mention' | 'qualified' | 'defined' | 'pinned' | 'settled' | 'ambiguous';

/** What settled an occurrence's sense (contract: `via`). */
export type Via = 'qualifier' | 'attribution' | 'link' | 'definition' | 'directive' | 'frontmatter' | 'config' | null;

/** Rule ids of the contract. */
export type RuleId = 'ambiguous-term' | 'sense-drift' | 'claim-check' | 'preferred-form' | 'avoid-term' | 'unknown-pin';

/** Severities a rule can be set to; `off` disables it. */
export type Severity = 'error' | 'warning' | 'info' | 'hint' | 'off';

/** A term found in prose, before its status is decided. */
export interface RawOccurrence {
  term: string;
  /** Source span of the term as written (for an elided coordination, the modifier word). */
  span: Span;
  /** The matched text as written, whitespace collapsed. */
  text: string;
  /** Index of the prose context (paragraph, heading, list item, table row) it sits in. */
  context: number;
  /** Offsets of the match inside the context's plain text. */
  plainStart: number;
  plainEnd: number;
  /** True when the whole match is the modifier of an elided coordination ("outer" in "outer and inner alignment"). */
  elided?: boolean;
}

/** A resolved occurrence: the contract's `occurrences` entry, plus source offsets. */
export interface Occurrence extends RawOccurrence {
  status: OccurrenceStatus;
  /** Sense id for qualified/defined/pinned, `default` for settled, `custom` for an own definition. */
  sense: string | null;
  /** For ambiguous occurrences: the sense the paragraph's cues clearly favour, else null. */
  likelySense: string | null;
  via: Via;
  /** Cue phrases (as written in the text) that decided likelySense. */
  cues: string[];
  /** Where the status came from, for hovers and messages: e.g. the pin's or definition's span. */
  decidedAt?: Span;
}

/** A text replacement in source offsets. */
export interface TextEdit {
  span: Span;
  newText: string;
}

/** A quick fix: a title and the edits that apply it. */
export interface Fix {
  /** Stable kind, used by the editor and by --fix to pick safe fixes. */
  kind: 'pin-frontmatter' | 'pin-section' | 'qualify' | 'replace' | 'footnote' | 'disable-line' | 'fix-pin-id' | 'avoid-term' | 'preferred-form';
  title: string;
  edits: TextEdit[];
  /** The fix the engine would recommend first (the likely sense). */
  preferred?: boolean;
  /** Safe to apply without review (used by --fix and fix-all). */
  safe?: boolean;
  /** The sense the fix settles on, if any. */
  sense?: string;
}

/** A finding of a rule. */
export interface Finding {
  rule: RuleId;
  severity: Exclude<Severity, 'off'>;
  message: string;
  span: Span;
  term?: string;
  /** Fixes, computed in the core so every face offers the same ones. */
  fixes: Fix[];
}

/** A problem with a configuration file (glossary), with a position in that file. */
export interface ConfigProblem {
  file: string;
  message: string;
  /** 1-based line and column in `file`, when known. */
  line: number;
  column: number;
}
