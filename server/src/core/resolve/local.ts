/**
 * Local facts: what can be decided about an occurrence from its own context alone
 * (mention, qualification, definition site, cue verdict). They depend on nothing
 * outside the paragraph, so an incremental analysis can keep them for unchanged
 * blocks; `resolveDocument` combines them with document-wide state.
 */
import type { Registry } from '../registry';
import type { RawOccurrence } from '../types';
import { paragraphVerdict } from './cues';
import { definitionSense, isDefinitionSite } from './define';
import { mentionReason } from './mention';
import { qualification, type Qualification } from './qualify';
import type { ContextView } from './view';

/** What the occurrence's own context says about it. */
export interface LocalFacts {
  mention: 'quotes' | 'phrase' | null;
  qualification: Qualification | null;
  /** Set when this occurrence heads a definition: the sense it defines. */
  definesSense: string | null;
  /** For contested terms: the sense the paragraph's cues clearly favour, and those cues. */
  likelySense: string | null;
  cues: string[];
}

/**
 * Local facts for occurrences in document order. `views` is indexed by the
 * occurrences' `context` field (relative to whatever the caller parsed).
 */
export function localFacts(occurrences: RawOccurrence[], views: ContextView[], registry: Registry): LocalFacts[] {
  let previous: { occurrence: RawOccurrence; byPhrase: boolean } | null = null;
  return occurrences.map((occurrence, i) => {
    const term = registry.terms.get(occurrence.term)!;
    const view = views[occurrence.context];
    const mention = mentionReason(occurrence, view, previous, term);
    previous = { occurrence, byPhrase: mention === 'phrase' };
    let likely: { sense: string | null; cues: string[] } = { sense: null, cues: [] };
    if (term.contested) {
      const verdict = paragraphVerdict(view, term);
      likely = { sense: verdict.sense, cues: verdict.sense ? verdict.hits.get(verdict.sense) ?? [] : [] };
    }
    return {
      mention,
      qualification: term.contested ? qualification(occurrence, view, term, registry, { all: occurrences, index: i }) : null,
      definesSense: !occurrence.elided && isDefinitionSite(occurrence, view) ? definitionSense(view, term) : null,
      likelySense: likely.sense,
      cues: likely.cues,
    };
  });
}
