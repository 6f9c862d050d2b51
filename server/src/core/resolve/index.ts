/**
 * Resolve: gives every occurrence its status, sense, likely sense and `via`, trying
 * the contract's rules in order (first that applies wins): ignored, mention,
 * qualified, pinned by a section directive, defined, pinned by front matter or house
 * glossary, settled, ambiguous. Local facts (per paragraph) are combined here with
 * document-wide state (directives, pins, the first definition of each term).
 */
import type { ParsedDocument } from '../markdown/parse';
import type { Registry } from '../registry';
import type { Occurrence, RawOccurrence } from '../types';
import type { DefinitionSite } from './define';
import { localFacts, type LocalFacts } from './local';
import { buildScope, type Scope } from './scope';
import { ContextView } from './view';

/** Everything the resolver learned about a document. */
export interface Resolution {
  occurrences: Occurrence[];
  scope: Scope;
  definitions: Map<string, DefinitionSite>;
  views: ContextView[];
}

/**
 * Resolves every raw occurrence of `doc`. `facts` and `views`, when given (by an
 * incremental analysis that kept them for unchanged blocks), must line up with `raw`
 * and `doc.contexts`. Never throws on user input.
 */
export function resolveDocument(doc: ParsedDocument, raw: RawOccurrence[], registry: Registry, facts?: LocalFacts[], views?: ContextView[]): Resolution {
  const contextViews = views ?? doc.contexts.map((c) => new ContextView(c));
  const local = facts ?? localFacts(raw, contextViews, registry);
  const scope = buildScope(doc, registry);
  const definitions = definitionSites(raw, local);
  const occurrences = raw.map((occurrence, i) => resolveOccurrence(occurrence, local[i], scope, definitions, registry));
  return { occurrences, scope, definitions, views: contextViews };
}

/** The first definition of each term in the document (`facts` lined up with `raw`). */
function definitionSites(raw: readonly RawOccurrence[], facts: readonly LocalFacts[]): Map<string, DefinitionSite> {
  const definitions = new Map<string, DefinitionSite>();
  for (let i = 0; i < raw.length; i++) {
    const occurrence = raw[i];
    const sense = facts[i].definesSense;
    if (sense !== null && !definitions.has(occurrence.term)) definitions.set(occurrence.term, { term: occurrence.term, sense, span: occurrence.span, context: occurrence.context });
  }
  return definitions;
}

/** One occurrence resolved: its local facts combined with the document's scope and definitions, in the contract's order. */
export function resolveOccurrence(occurrence: RawOccurrence, fact: LocalFacts, scope: Scope, definitions: ReadonlyMap<string, DefinitionSite>, registry: Registry): Occurrence {
  const term = registry.terms.get(occurrence.term)!;
  const result = (status: Occurrence['status'], sense: string | null = null, via: Occurrence['via'] = null, extra: Partial<Occurrence> = {}): Occurrence =>
    ({ ...occurrence, status, sense, likelySense: null, via, cues: [], ...extra });
  if (scope.isIgnored(occurrence.term, occurrence.span.start)) return result('ignored');
  if (fact.mention) return result('mention');
  if (fact.qualification) return result('qualified', fact.qualification.sense, fact.qualification.via);
  const sectionPin = scope.sectionPin(occurrence.term, occurrence.span.start);
  if (sectionPin) return result('pinned', sectionPin.sense, 'directive', { decidedAt: sectionPin.span });
  const definition = definitions.get(occurrence.term);
  if (definition) return result('defined', definition.sense, 'definition', { decidedAt: definition.span });
  const documentPin = scope.documentPin(occurrence.term);
  if (documentPin && term.contested) return result('pinned', documentPin.sense, documentPin.via, { decidedAt: documentPin.span });
  if (!term.contested) return result('settled', term.senses[0]?.id ?? 'default');
  return result('ambiguous', null, null, { likelySense: fact.likelySense, cues: fact.cues });
}
