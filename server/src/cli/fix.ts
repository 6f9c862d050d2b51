/**
 * `--fix`: applies the safe fixes the core computed (Fix.safe) and the front-matter
 * pins the user asked for with `--fix-pin term=sense`, then re-analyses and repeats
 * until nothing changes (at most MAX_PASSES passes). Pure: text in, text out; the
 * caller decides whether and how to write.
 */
import { analyze, type Analysis, type Registry } from '../core';
import type { Finding, TextEdit } from '../core/types';

/** Bound on fix passes: each pass may unlock another (e.g. a second pin into new front matter). */
export const MAX_PASSES = 10;

/** The result of fixing one text. */
export interface FixedText {
  text: string;
  /** The analysis of `text` (the remaining findings). */
  analysis: Analysis;
  /** Passes that changed the text. */
  passes: number;
}

/** Term id -> sense id, from `--fix-pin`. */
export type PinRequests = ReadonlyMap<string, string>;

/**
 * Applies safe fixes and requested pins to `text` until a pass changes nothing.
 * Never applies a fix that is neither safe nor a requested pin; never applies two
 * overlapping edits in one pass (the later one is retried on the next pass).
 */
export function fixText(text: string, registry: Registry, pins: PinRequests, first?: Analysis): FixedText {
  let analysis = first ?? analyze(text, registry);
  let current = text;
  let passes = 0;
  const seen = new Set([current]);
  while (passes < MAX_PASSES) {
    const next = applyEdits(current, chooseEdits(analysis.findings, pins));
    // A text seen before means two fixes undo each other; stop rather than loop.
    if (seen.has(next)) break;
    seen.add(next);
    current = next;
    passes++;
    analysis = analyze(current, registry);
  }
  return { text: current, analysis, passes };
}

/** What fix selection needs of a finding: a core Finding or its JSON form (from the cache). */
export interface FixableFinding {
  rule: string;
  term?: string | null;
  fixes: readonly { kind: string; safe?: boolean; sense?: string | null }[];
}

/** Index of the fix --fix would apply for `finding`, or -1. */
export function fixToApply(finding: FixableFinding, pins: PinRequests): number {
  const safe = finding.fixes.findIndex((f) => f.safe);
  if (safe >= 0) return safe;
  const wanted = finding.rule === 'ambiguous-term' && finding.term ? pins.get(finding.term) : undefined;
  if (wanted === undefined) return -1;
  return finding.fixes.findIndex((f) => f.kind === 'pin-frontmatter' && f.sense === wanted);
}

/** True when --fix would change something for these findings (used to trust a cached result). */
export function hasFixes(findings: readonly FixableFinding[], pins: PinRequests): boolean {
  return findings.some((f) => fixToApply(f, pins) >= 0);
}

/**
 * Picks one fix per finding, in finding order, keeping a fix only when none of its
 * edits overlaps an edit already kept. A fix's edits are all kept or all dropped.
 * An edit identical to one already kept (the same pin offered on every ambiguous
 * use of a term) counts as already applied.
 */
function chooseEdits(findings: readonly Finding[], pins: PinRequests): TextEdit[] {
  const kept: TextEdit[] = [];
  for (const finding of findings) {
    const index = fixToApply(finding, pins);
    if (index < 0) continue;
    const edits = finding.fixes[index].edits.filter((e) => !kept.some((k) => sameEdit(k, e)));
    if (edits.some((e) => kept.some((k) => overlaps(k, e)))) continue;
    kept.push(...edits);
  }
  return kept;
}

function sameEdit(a: TextEdit, b: TextEdit): boolean {
  return a.span.start === b.span.start && a.span.end === b.span.end && a.newText === b.newText;
}

/** Overlapping spans, or an insertion at the start of another edit (their order would be ambiguous). */
function overlaps(a: TextEdit, b: TextEdit): boolean {
  if (a.span.start < b.span.end && b.span.start < a.span.end) return true;
  return a.span.start === b.span.start && (a.span.start === a.span.end || b.span.start === b.span.end);
}

/** Applies non-overlapping edits from the end backwards, so earlier offsets stay valid. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.span.start - a.span.start || b.span.end - a.span.end)) {
    out = out.slice(0, edit.span.start) + edit.newText + out.slice(edit.span.end);
  }
  return out;
}
