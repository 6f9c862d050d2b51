/**
 * The shape of a glossary file (`.alignment-terms.yaml`, and the built-in presets),
 * as the JSON Schema in server/registry/glossary.schema.json describes it.
 */
import type { RuleId, Severity } from '../types';

/** A work that senses cite. */
export interface SourceEntry {
  authors?: string[];
  title: string;
  year?: number;
  url?: string;
  urls?: string[];
  /** How prose names the author(s): "in Shah's sense". */
  names?: string[];
  /** How prose names the work itself: "the 2019 paper". */
  aliases?: string[];
  /** false when the work gives several senses of a term, so naming it settles nothing. */
  attributesByName?: boolean;
}

/** One sense of a term. */
export interface SenseEntry {
  label?: string;
  oneLine?: string;
  definition?: string;
  sources?: string[];
  qualifiers?: string[];
  attributions?: string[];
  cues?: string[];
  insert?: string;
  alternatives?: { positive?: string; negative?: string };
}

/** A term: its forms and senses. One sense means the term is settled. */
export interface TermEntry {
  label?: string;
  summary?: string;
  enabled?: boolean;
  preferred?: string;
  forms?: string[];
  senses?: Record<string, SenseEntry>;
}

/** A phrase the house bans. */
export interface AvoidEntry {
  phrase: string;
  use?: string;
  reason?: string;
}

/** An edge of the implication graph. */
export interface ImplicationEntry {
  id: string;
  framework?: string;
  all: string[];
  senses?: Record<string, string>;
  gives: string;
  note?: string;
}

/** One glossary file as written (after schema validation). */
export interface GlossaryFile {
  extends?: string | string[];
  pin?: Record<string, string>;
  rules?: Partial<Record<RuleId, Severity>>;
  sources?: Record<string, SourceEntry>;
  terms?: Record<string, TermEntry>;
  avoid?: AvoidEntry[];
  ignore?: string[];
  implications?: ImplicationEntry[];
}

/** Where a pin came from, so messages and go-to-definition can point at it. */
export interface PinOrigin {
  sense: string;
  file: string;
  line: number;
  column: number;
}

/**
 * Glossary layers merged into one: presets first, then each house file from the
 * outermost folder in. `ignore` globs keep the folder they are relative to.
 */
export interface MergedGlossary {
  pin: Record<string, PinOrigin>;
  rules: Partial<Record<RuleId, Severity>>;
  sources: Record<string, SourceEntry>;
  terms: Record<string, TermEntry>;
  avoid: AvoidEntry[];
  ignore: { base: string; glob: string }[];
  implications: ImplicationEntry[];
  /** Every file that went into this glossary, innermost last (for caching and watching). */
  files: string[];
}
