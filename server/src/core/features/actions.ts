/**
 * Turns the fixes the rules computed into editor actions: quick fixes grouped so a
 * fix that settles many findings at once ("Pin inner alignment ... for this
 * document") is offered once and resolves all of them, and the set of safe fixes
 * that fix-all (and `--fix`) may apply without review.
 */
import type { Analysis } from '../service';
import type { Finding, Fix, TextEdit } from '../types';
import { lineOf } from './describe';

/** One action to offer: the fix, and every finding it resolves. */
export interface PlannedAction {
  title: string;
  fix: Fix;
  findings: Finding[];
  /** The action an editor may apply with one keystroke (the likely sense). */
  preferred: boolean;
}

/**
 * Quick fixes for `findings` (those under the cursor or selection), in the order the
 * rules ranked them: for each finding its fixes, the likely sense first. A front
 * matter pin is offered once per term and sense however many findings it settles;
 * when several findings are in play, per-use fixes name the use they apply to.
 */
export function quickFixes(analysis: Analysis, findings: Finding[]): PlannedAction[] {
  const actions: PlannedAction[] = [];
  const shared = new Map<string, PlannedAction>();
  const many = findings.length > 1;
  for (const finding of findings) {
    for (const fix of finding.fixes) {
      if (fix.kind === 'pin-frontmatter' && finding.term) {
        const key = `${finding.term}\u0000${fix.sense ?? fix.title}`;
        const existing = shared.get(key);
        if (existing) {
          existing.findings.push(finding);
          continue;
        }
        const action = { title: fix.title, fix, findings: [finding], preferred: !!fix.preferred && !actions.some((a) => a.preferred) };
        shared.set(key, action);
        actions.push(action);
        continue;
      }
      const title = many ? `${fix.title} (line ${lineOf(analysis, finding.span.start)})` : fix.title;
      actions.push({ title, fix, findings: [finding], preferred: !many && !!fix.preferred && !actions.some((a) => a.preferred) });
    }
  }
  return actions;
}

/**
 * The edits of every safe fix in the document, at most one fix per finding, skipping
 * any fix whose edits would overlap an edit already chosen. Sorted by position; the
 * edits never overlap, so they can be applied together.
 */
export function safeFixEdits(findings: Finding[]): TextEdit[] {
  const chosen: TextEdit[] = [];
  // Intersecting spans conflict, and so do two edits starting at one offset (two
  // insertions there would apply in an order nobody chose).
  const overlaps = (a: TextEdit, b: TextEdit) => (a.span.start < b.span.end && b.span.start < a.span.end) || a.span.start === b.span.start;
  for (const finding of findings) {
    const fix = finding.fixes.find((f) => f.safe);
    if (!fix) continue;
    if (fix.edits.some((e) => chosen.some((c) => overlaps(e, c)))) continue;
    chosen.push(...fix.edits);
  }
  return chosen.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
}
