/**
 * The rules that read a draft one prose context at a time (claim-check and
 * sense-drift), with each finding tagged by its context, so that the editor's
 * analysis of an edit (splice.ts) can recompute the contexts the edit touched and
 * keep, or move, the findings of all the others.
 */
import type { ParsedDocument } from '../markdown/parse';
import type { Registry } from '../registry';
import type { Resolution } from '../resolve';
import type { Finding } from '../types';
import { claimCheck } from './claim-check';
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
}

/** The context-local rules' findings for the contexts [from, to) (all of them by default). */
export function contextFindings(doc: ParsedDocument, resolution: Resolution, registry: Registry, from = 0, to = doc.contexts.length): ContextFindings {
  return { drift: senseDrift(doc, resolution, registry, from, to), claims: claimCheck(doc, resolution, registry, from, to) };
}
