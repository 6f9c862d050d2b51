/**
 * The registry the engine runs on: a merged glossary compiled once. It holds one
 * matcher for every enabled form of every term (no per-term loops over the text),
 * the terms and senses by id, a source index by canonical URL, validated pins and
 * rule severities. Compiling never throws; problems come back with positions.
 */
import type { MergedGlossary, PinOrigin, SourceEntry, TermEntry, AvoidEntry, ImplicationEntry, ClaimsEntry } from './glossary/types';
import { compilePhraseMatcher, type PhraseMatcher } from './phrase-matcher';
import { normalizePhrase } from './phrases';
import { sourceKey } from './sources';
import { closest } from './suggest';
import type { ConfigProblem, RuleId, Severity } from './types';

/** A source with its id. */
export interface Source extends SourceEntry {
  id: string;
}

/** One sense, with defaults filled in. */
export interface Sense {
  id: string;
  label: string;
  oneLine: string;
  definition: string;
  sources: Source[];
  qualifiers: string[];
  attributions: string[];
  cues: string[];
  insert: string;
  alternatives: { positive?: string; negative?: string };
}

/** One term, with defaults filled in. */
export interface Term {
  id: string;
  label: string;
  summary: string;
  enabled: boolean;
  preferred?: string;
  forms: string[];
  senses: Sense[];
  /** More than one sense: uses must be settled. */
  contested: boolean;
}

/** Default severity of each rule when no glossary sets it. */
export const DEFAULT_SEVERITY: Record<RuleId, Severity> = {
  'ambiguous-term': 'warning',
  'unknown-pin': 'error',
  'sense-drift': 'warning',
  'claim-check': 'warning',
  'preferred-form': 'hint',
  'avoid-term': 'warning',
};

/** A compiled registry. Build with compileRegistry; immutable afterwards. */
export interface Registry {
  terms: Map<string, Term>;
  /**
   * One matcher for every enabled form, used like a global RegExp (`exec`,
   * `lastIndex`; reset lastIndex before use). A trie, not a RegExp, so that a
   * glossary of thousands of terms compiles and matches as fast as the built-in one.
   */
  matcher: PhraseMatcher;
  /** Normalized form -> term id, for enabled terms. */
  formToTerm: Map<string, string>;
  sources: Map<string, Source>;
  /** Canonical URL key (see sources.ts) -> ids of sources with that address. */
  sourcesByUrl: Map<string, string[]>;
  /** House pins that name a known term and sense. */
  pins: Map<string, PinOrigin>;
  severity: Record<RuleId, Severity>;
  avoid: AvoidEntry[];
  ignore: { base: string; glob: string }[];
  implications: ImplicationEntry[];
  /** Facts claim-check uses beyond the implication arrows. */
  claims: Required<ClaimsEntry>;
  /** Files the glossary came from (empty for a bare preset). */
  files: string[];
}

/** Compiles a merged glossary. Problems point into the glossary files. */
export function compileRegistry(glossary: MergedGlossary): { registry: Registry; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const sources = new Map<string, Source>();
  const sourcesByUrl = new Map<string, string[]>();
  for (const [id, entry] of Object.entries(glossary.sources)) {
    sources.set(id, { ...entry, id });
    for (const url of [entry.url, ...(entry.urls ?? [])]) {
      const key = url ? sourceKey(url) : null;
      if (!key) continue;
      const ids = sourcesByUrl.get(key) ?? [];
      ids.push(id);
      sourcesByUrl.set(key, ids);
    }
  }
  const terms = new Map<string, Term>();
  for (const [id, entry] of Object.entries(glossary.terms)) terms.set(id, buildTerm(id, entry, sources));

  const formToTerm = new Map<string, string>();
  const forms: string[] = [];
  for (const term of terms.values()) {
    if (!term.enabled) continue;
    for (const form of term.forms) {
      const key = normalizePhrase(form);
      const owner = formToTerm.get(key);
      if (owner && owner !== term.id) continue; // first term keeps a shared form
      formToTerm.set(key, term.id);
      forms.push(key);
    }
  }

  const pins = new Map<string, PinOrigin>();
  for (const [termId, origin] of Object.entries(glossary.pin)) {
    const term = terms.get(termId);
    const where = { file: origin.file, line: origin.line, column: origin.column };
    if (!term) {
      const hint = closest(termId, terms.keys());
      problems.push({ ...where, message: `unknown term id '${termId}' in 'pin'${hint ? `; did you mean '${hint}'?` : ''}` });
      continue;
    }
    if (!term.senses.some((s) => s.id === origin.sense)) {
      const hint = closest(origin.sense, term.senses.map((s) => s.id));
      problems.push({ ...where, message: `unknown sense id '${origin.sense}' for ${termId}${hint ? `; did you mean '${hint}'?` : `; expected one of: ${term.senses.map((s) => s.id).join(', ')}`}` });
      continue;
    }
    pins.set(termId, origin);
  }

  const severity = { ...DEFAULT_SEVERITY, ...glossary.rules } as Record<RuleId, Severity>;
  const registry: Registry = {
    terms,
    matcher: compilePhraseMatcher(forms, { normalized: true }),
    formToTerm,
    sources,
    sourcesByUrl,
    pins,
    severity,
    avoid: glossary.avoid,
    ignore: glossary.ignore,
    implications: glossary.implications,
    claims: glossary.claims,
    files: glossary.files.filter((f) => !f.startsWith('<built-in:')),
  };
  return { registry, problems };
}

function buildTerm(id: string, entry: TermEntry, sources: Map<string, Source>): Term {
  const label = entry.label ?? id.replace(/-/g, ' ');
  const senses: Sense[] = Object.entries(entry.senses ?? { default: {} }).map(([senseId, s]) => ({
    id: senseId,
    label: s.label ?? senseId,
    oneLine: s.oneLine ?? '',
    definition: s.definition ?? '',
    sources: (s.sources ?? []).map((sid) => sources.get(sid)).filter((x): x is Source => !!x),
    qualifiers: s.qualifiers ?? (senseId === 'default' ? [] : [senseId, senseId.replace(/-/g, ' ')]),
    attributions: s.attributions ?? [],
    cues: s.cues ?? [],
    insert: s.insert ?? s.label ?? senseId,
    alternatives: s.alternatives ?? {},
  }));
  return {
    id,
    label,
    summary: entry.summary ?? '',
    enabled: entry.enabled ?? true,
    preferred: entry.preferred,
    forms: entry.forms && entry.forms.length ? entry.forms : [label],
    senses,
    contested: senses.length > 1,
  };
}

/** A short citation for a source: "Hubinger 2020" / "Koch et al. 2021". */
export function cite(source: Source): string {
  const authors = source.authors ?? [];
  const surname = (name: string) => name.trim().split(/\s+/).pop() ?? name;
  const who = authors.length === 0 ? source.title : authors.length === 1 ? surname(authors[0]) : authors.length === 2 ? `${surname(authors[0])} & ${surname(authors[1])}` : `${surname(authors[0])} et al.`;
  return source.year ? `${who} ${source.year}` : who;
}
