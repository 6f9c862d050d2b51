/**
 * The rules that read a draft one prose context at a time (claim-check,
 * sense-drift, preferred-form), with each finding tagged by its context, so that the editor's
 * analysis of an edit (splice.ts) can recompute the contexts the edit touched and
 * keep, or move, the findings of all the others.
 */
import type { ParsedDocument } from '../markdown/parse';
import type { Registry } from '../registry';
import type { Resolution } from '../resolve';
import { firstWhere } from '../sorted';
import type { Finding, Occurrence } from '../types';
import { claimCheck } from './claim-check';
import { preferredFormFindings } from './preferred-form';
import { senseDrift } from './sense-drift';

/** A finding before its rule and severity are filled in. */
export type Draft = Omit<Finding, 'rule' | 'severity'>;

/** A finding of a context-local rule and the index of the context it came from. */
export interface ContextFinding {
  context: number;
  draft: Draft;
}

/** The context-local findings of one analysis, by rule, in context order. */
export interface ContextFindings {
  drift: ContextFinding[];
  claims: ContextFinding[];
  preferred: ContextFinding[];
}

/** Contexts [from, to) of a document, and the occurrences in them: [firstOccurrence, endOccurrence). */
export interface ContextRange {
  from: number;
  to: number;
  firstOccurrence: number;
  endOccurrence: number;
}

/** The context-local rules' findings for the contexts [from, to) (all of them by default). */
export function contextFindings(doc: ParsedDocument, resolution: Resolution, registry: Registry, from = 0, to = doc.contexts.length): ContextFindings {
  // Occurrences are in document order, so those of a range of contexts are a range
  // too: a rule reads only those (an edit's range in a long draft is a few of 27,000).
  const occurrences = resolution.occurrences;
  const range: ContextRange = { from, to, firstOccurrence: firstInContext(occurrences, from), endOccurrence: firstInContext(occurrences, to) };
  return { drift: senseDrift(doc, resolution, registry, range), claims: claimCheck(doc, resolution, registry, range), preferred: preferredFormFindings(doc, resolution, registry, range) };
}

/** Index of the first occurrence in context `context` or after it (occurrences.length when none). */
function firstInContext(occurrences: readonly Occurrence[], context: number): number {
  return firstWhere(occurrences.length, (i) => occurrences[i].context >= context);
}
