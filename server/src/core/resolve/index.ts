/**
 * Resolve: gives every occurrence its status, sense, likely sense and `via`, trying
 * the contract's rules in order (first that applies wins): ignored, mention,
 * qualified, defined (unless a section pin covers it), pinned, settled, ambiguous.
 */
import type { ParsedDocument } from '../markdown/parse';
import type { Registry } from '../registry';
import type { Occurrence, RawOccurrence } from '../types';
import { cueVerdict } from './cues';
import { findDefinitions, type DefinitionSite } from './define';
import { mentionReason } from './mention';
import { qualification } from './qualify';
import { buildScope, type Scope } from './scope';
import { ContextView } from './view';

/** Everything the resolver learned about a document. */
export interface Resolution {
  occurrences: Occurrence[];
  scope: Scope;
  definitions: Map<string, DefinitionSite>;
  views: ContextView[];
}

/** Resolves every raw occurrence of `doc`. Never throws on user input. */
export function resolveDocument(doc: ParsedDocument, raw: RawOccurrence[], registry: Registry): Resolution {
  const views = doc.contexts.map((c) => new ContextView(c));
  const scope = buildScope(doc, registry);
  const definitions = findDefinitions(raw, views, registry);
  const occurrences: Occurrence[] = [];
  let previous: { occurrence: RawOccurrence; byPhrase: boolean } | null = null;
  for (const occurrence of raw) {
    const term = registry.terms.get(occurrence.term)!;
    const view = views[occurrence.context];
    const result = (status: Occurrence['status'], sense: string | null = null, via: Occurrence['via'] = null, extra: Partial<Occurrence> = {}): Occurrence =>
      ({ ...occurrence, status, sense, likelySense: null, via, cues: [], ...extra });

    let resolved: Occurrence;
    const mention: 'quotes' | 'phrase' | null = scope.isIgnored(occurrence.term, occurrence.span.start) ? null : mentionReason(occurrence, view, previous, term);
    previous = { occurrence, byPhrase: mention === 'phrase' };
    if (scope.isIgnored(occurrence.term, occurrence.span.start)) {
      resolved = result('ignored');
    } else if (mention) {
      resolved = result('mention');
    } else {
      const qualified = term.contested ? qualification(occurrence, view, term, registry) : null;
      const sectionPin = scope.sectionPin(occurrence.term, occurrence.span.start);
      const definition = definitions.get(occurrence.term);
      const documentPin = scope.documentPin(occurrence.term);
      if (qualified) {
        resolved = result('qualified', qualified.sense, qualified.via);
      } else if (sectionPin) {
        resolved = result('pinned', sectionPin.sense, 'directive', { decidedAt: sectionPin.span });
      } else if (definition) {
        resolved = result('defined', definition.sense, 'definition', { decidedAt: definition.span });
      } else if (documentPin && term.contested) {
        resolved = result('pinned', documentPin.sense, documentPin.via, { decidedAt: documentPin.span });
      } else if (!term.contested) {
        resolved = result('settled', term.senses[0]?.id ?? 'default');
      } else {
        const verdict = cueVerdict(view.plain, term);
        resolved = result('ambiguous', null, null, { likelySense: verdict.sense, cues: verdict.sense ? verdict.hits.get(verdict.sense) ?? [] : [] });
      }
    }
    occurrences.push(resolved);
  }
  return { occurrences, scope, definitions, views };
}
