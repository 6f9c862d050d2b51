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

/** A requirement the framework does not have ("impact alignment requires inner alignment" is false). */
export interface NotRequiredEntry {
  id: string;
  framework?: string;
  term: string;
  requires: string;
  senses?: Record<string, string>;
  because?: string;
}

/** A classification fact ("deceptive alignment is an inner alignment problem"). */
export interface ClassificationEntry {
  id: string;
  framework?: string;
  term: string;
  is: string;
  senses?: Record<string, string>;
  because?: string;
}

/** What claim-check needs beyond the implication arrows. */
export interface ClaimsEntry {
  /** Phrases that, in a claim, stand for a term ("a safe system" for impact-alignment). */
  conclusions?: Record<string, string[]>;
  notRequired?: NotRequiredEntry[];
  classifications?: ClassificationEntry[];
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
  claims?: ClaimsEntry;
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
  /** Claim facts merged: conclusions by term (lists replace), facts by id. */
  claims: Required<ClaimsEntry>;
  /** Every file that went into this glossary, innermost last (for caching and watching). */
  files: string[];
}
