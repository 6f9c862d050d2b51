/**
 * The draft's status at a glance: which contested terms are still ambiguous (for the
 * editor's status bar) and, per term used, how its uses are settled (for the "pin a
 * sense" picker).
 */
import { cite, type Registry } from '../registry';
import type { Analysis } from '../service';

/** One term used in the draft. */
export interface DraftTerm {
  id: string;
  label: string;
  contested: boolean;
  /** Uses that count (mentions and ignored uses excluded). */
  uses: number;
  ambiguous: number;
  /** The draft-wide pin (front matter, else house glossary), if any. */
  pinned?: { sense: string; via: 'frontmatter' | 'config' };
  /** The sense most ambiguous uses' cues point to, if any. */
  likely?: string;
  senses: { id: string; label: string; oneLine: string; citation: string }[];
}

/** The summary of one analysed draft. */
export interface DraftStatus {
  /** Ids of terms with at least one ambiguous use, in order of first use. */
  ambiguousTerms: string[];
  ambiguousUses: number;
  /** Findings at error severity (e.g. a pin naming an unknown sense). */
  errors: number;
  /** Every registry term used in the draft, in order of first use. */
  terms: DraftTerm[];
}

/** Summarizes `analysis` under `registry`. */
export function draftStatus(analysis: Analysis, registry: Registry): DraftStatus {
  const byTerm = new Map<string, DraftTerm & { likelyCounts: Map<string, number> }>();
  for (const o of analysis.occurrences) {
    const term = registry.terms.get(o.term);
    if (!term) continue;
    let entry = byTerm.get(term.id);
    if (!entry) {
      const pin = analysis.resolution.scope.documentPin(term.id);
      entry = {
        id: term.id,
        label: term.label,
        contested: term.contested,
        uses: 0,
        ambiguous: 0,
        pinned: pin && pin.via !== 'directive' ? { sense: pin.sense, via: pin.via } : undefined,
        senses: term.senses.map((s) => ({ id: s.id, label: s.label, oneLine: s.oneLine, citation: s.sources.map(cite).join('; ') })),
        likelyCounts: new Map(),
      };
      byTerm.set(term.id, entry);
    }
    if (o.status === 'mention' || o.status === 'ignored') continue;
    entry.uses++;
    if (o.status === 'ambiguous') {
      entry.ambiguous++;
      if (o.likelySense) entry.likelyCounts.set(o.likelySense, (entry.likelyCounts.get(o.likelySense) ?? 0) + 1);
    }
  }
  const terms: DraftTerm[] = [...byTerm.values()].map(({ likelyCounts, ...t }) => {
    const likely = [...likelyCounts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
    return likely ? { ...t, likely } : t;
  });
  return {
    ambiguousTerms: terms.filter((t) => t.ambiguous > 0).map((t) => t.id),
    ambiguousUses: terms.reduce((n, t) => n + t.ambiguous, 0),
    errors: analysis.findings.filter((f) => f.severity === 'error').length,
    terms,
  };
}
