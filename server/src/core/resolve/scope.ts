/**
 * What covers an occurrence from outside its sentence: disable/enable regions,
 * disable-next-line, section pin directives, front matter pins and house pins. Also
 * collects every pin or directive that names an unknown term or sense.
 */
import type { Directive, DirectiveId } from '../markdown/directives';
import { readFrontMatter, type FrontMatterInfo } from '../markdown/frontmatter';
import type { ParsedDocument } from '../markdown/parse';
import type { Registry } from '../registry';
import { closest } from '../suggest';
import type { Span } from '../types';

/** A pin that applies from `from` on (directive) or everywhere (front matter, config). */
export interface PinSite {
  term: string;
  sense: string;
  via: 'directive' | 'frontmatter' | 'config';
  span?: Span;
  from: number;
}

/** A pin or directive naming something unknown. */
export interface PinProblem {
  span: Span;
  message: string;
  /** The closest valid id, to offer as a replacement of `span`. */
  suggestion?: string;
}

/** The directive and pin state of one document, queried per occurrence. */
export interface Scope {
  frontMatter: FrontMatterInfo;
  problems: PinProblem[];
  /** True when a disable directive covers `term` at `offset`. */
  isIgnored(term: string, offset: number): boolean;
  /** The section pin directive in force for `term` at `offset`. */
  sectionPin(term: string, offset: number): PinSite | undefined;
  /** The front matter pin, else the house pin, for `term`. */
  documentPin(term: string): PinSite | undefined;
}

interface Toggle {
  at: number;
  disable: boolean;
  terms: string[] | null;
}

/** Builds the scope of `doc` under `registry`. */
export function buildScope(doc: ParsedDocument, registry: Registry): Scope {
  const problems: PinProblem[] = [];
  const frontMatter = readFrontMatter(doc.frontMatter);
  if (frontMatter.problem) problems.push({ span: frontMatter.problem.span, message: frontMatter.problem.message });

  const checkTerm = (id: DirectiveId, what: string): boolean => {
    if (registry.terms.has(id.value)) return true;
    const suggestion = closest(id.value, registry.terms.keys());
    problems.push({ span: id.span, message: `unknown term id '${id.value}' in ${what}${suggestion ? `; did you mean '${suggestion}'?` : ''}`, suggestion });
    return false;
  };
  const checkSense = (term: string, sense: DirectiveId, what: string): boolean => {
    const senses = registry.terms.get(term)!.senses.map((s) => s.id);
    if (senses.includes(sense.value)) return true;
    const suggestion = closest(sense.value, senses);
    problems.push({
      span: sense.span,
      message: `unknown sense id '${sense.value}' for ${term} in ${what}; ${suggestion ? `did you mean '${suggestion}'?` : `expected one of: ${senses.join(', ')}`}`,
      suggestion,
    });
    return false;
  };

  const documentPins = new Map<string, PinSite>();
  for (const [term, origin] of registry.pins) documentPins.set(term, { term, sense: origin.sense, via: 'config', from: 0 });
  for (const pin of frontMatter.pins) {
    const termId = { value: pin.term, span: pin.termSpan };
    if (!checkTerm(termId, 'front matter')) continue;
    if (!checkSense(pin.term, { value: pin.sense, span: pin.senseSpan }, 'front matter')) continue;
    documentPins.set(pin.term, { term: pin.term, sense: pin.sense, via: 'frontmatter', span: pin.senseSpan, from: 0 });
  }

  const sectionPins = new Map<string, PinSite[]>();
  const toggles: Toggle[] = [];
  const nextLine = new Map<number, (string[] | null)[]>();
  for (const directive of doc.directives) {
    applyDirective(directive);
  }

  function applyDirective(directive: Directive) {
    if (directive.kind === 'malformed') {
      problems.push({ span: directive.span, message: directive.message });
      return;
    }
    if (directive.kind === 'pin') {
      if (!checkTerm(directive.term, 'pin directive')) return;
      if (!directive.sense) {
        problems.push({ span: directive.term.span, message: `pin directive for ${directive.term.value} names no sense; write ${directive.term.value}=SENSE` });
        return;
      }
      if (!checkSense(directive.term.value, directive.sense, 'pin directive')) return;
      const list = sectionPins.get(directive.term.value) ?? [];
      list.push({ term: directive.term.value, sense: directive.sense.value, via: 'directive', span: directive.span, from: directive.span.end });
      sectionPins.set(directive.term.value, list);
      return;
    }
    const terms = directive.terms.length ? directive.terms.filter((t) => checkTerm(t, `${directive.kind} directive`)).map((t) => t.value) : null;
    if (terms && terms.length === 0) return;
    if (directive.kind === 'disable-next-line') {
      const line = doc.lines.lineOf(directive.span.end) + 1;
      const list = nextLine.get(line) ?? [];
      list.push(terms);
      nextLine.set(line, list);
      return;
    }
    toggles.push({ at: directive.span.end, disable: directive.kind === 'disable', terms });
  }

  return {
    frontMatter,
    problems,
    isIgnored(term, offset) {
      const onLine = nextLine.get(doc.lines.lineOf(offset));
      if (onLine?.some((terms) => terms === null || terms.includes(term))) return true;
      let disabled = false;
      for (const toggle of toggles) {
        if (toggle.at > offset) break;
        if (toggle.terms === null || toggle.terms.includes(term)) disabled = toggle.disable;
      }
      return disabled;
    },
    sectionPin(term, offset) {
      const list = sectionPins.get(term);
      if (!list) return undefined;
      let found: PinSite | undefined;
      for (const pin of list) {
        if (pin.from > offset) break;
        found = pin;
      }
      return found;
    },
    documentPin(term) {
      return documentPins.get(term);
    },
  };
}
