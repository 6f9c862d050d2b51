/**
 * Hover cards: on a term occurrence, the term, its status in this draft, every sense
 * with its one-line definition and sources, the related implications and links to pin
 * a sense; on a written pin (front matter entry or directive), the pinned sense.
 * Markdown out; the face decides how to show it.
 */
import type { Registry, Sense, Term } from '../registry';
import type { Analysis } from '../service';
import type { Occurrence, Span } from '../types';
import { citeMarkdown, describeStatus, escapeMarkdown, occurrenceAt, relatedImplications, senseOf } from './describe';
import { pinAt, type WrittenPin } from './pins';

/** A hover: the span it belongs to and its Markdown. */
export interface HoverCard {
  span: Span;
  markdown: string;
}

/** Options of hoverAt. */
export interface HoverOptions {
  /**
   * Builds the link target that pins `term` to `sense` for the draft (e.g. a VS Code
   * command URI). Without it the card has no pin links.
   */
  pinLink?: (term: string, sense: string) => string;
}

/** The hover at `offset` (a UTF-16 offset into the analysed text), or null when there is nothing to say. */
export function hoverAt(analysis: Analysis, registry: Registry, offset: number, options: HoverOptions = {}): HoverCard | null {
  const occurrence = occurrenceAt(analysis, offset);
  if (occurrence) {
    const term = registry.terms.get(occurrence.term);
    return term ? { span: occurrence.span, markdown: termCard(occurrence, term, analysis, registry, options) } : null;
  }
  const pin = pinAt(analysis, offset);
  if (pin) return { span: pin.span, markdown: pinCard(pin, analysis, registry) };
  return null;
}

function termCard(occurrence: Occurrence, term: Term, analysis: Analysis, registry: Registry, options: HoverOptions): string {
  const parts: string[] = [];
  const written = occurrence.elided ? `“${escapeMarkdown(occurrence.text)}” stands for ${escapeMarkdown(term.label)} here` : '';
  parts.push(`**${escapeMarkdown(term.label)}** · ${term.contested ? `contested term, ${term.senses.length} senses` : 'settled term, one sense'}${written ? ` · ${written}` : ''}`);
  parts.push(`**In this draft:** ${describeStatus(occurrence, analysis, registry)}.`);
  if (term.contested) {
    const rows = term.senses.map((sense) => {
      const marks = [occurrence.sense === sense.id ? '✓ in force' : '', occurrence.likelySense === sense.id ? 'likely' : ''].filter(Boolean).join(', ');
      const name = occurrence.sense === sense.id || occurrence.likelySense === sense.id ? `**${escapeMarkdown(sense.label)}**` : escapeMarkdown(sense.label);
      return `| ${name}${marks ? ` (${marks})` : ''} | ${escapeMarkdown(sense.oneLine || sense.definition)} | ${sources(sense)} |`;
    });
    parts.push(['| Sense | In one line | Source |', '|---|---|---|', ...rows].join('\n'));
  } else {
    const sense = term.senses[0];
    if (sense) {
      const line = escapeMarkdown(sense.oneLine || sense.definition || term.summary);
      const src = sources(sense);
      if (line || src !== '—') parts.push(`${line}${src !== '—' ? `\n\nSource: ${src}` : ''}`);
    }
  }
  const related = relatedImplications(term.id, registry);
  if (related.length) parts.push(`**Related:**\n\n${related.map((r) => `- ${r}`).join('\n')}`);
  // A front matter pin only changes uses that nothing closer settles: ambiguous ones and
  // those pinned draft-wide; offering it on a qualified or defined use would mislead.
  const pinChangesThis = occurrence.status === 'ambiguous' || (occurrence.status === 'pinned' && occurrence.via !== 'directive');
  if (term.contested && options.pinLink && pinChangesThis) {
    const documentPin = analysis.resolution.scope.documentPin(term.id);
    const links = orderForPin(term.senses, occurrence.likelySense)
      .filter((s) => !(documentPin?.via === 'frontmatter' && documentPin.sense === s.id))
      .map((s) => `[${escapeMarkdown(s.label)}](${options.pinLink!(term.id, s.id)} "Pin ${escapeMarkdown(term.label)} to ${escapeMarkdown(s.label)} in the front matter")`);
    if (links.length) parts.push(`**Pin for this document:** ${links.join(' · ')}`);
  }
  return parts.join('\n\n');
}

function orderForPin(senses: Sense[], first: string | null): Sense[] {
  return first ? [...senses.filter((s) => s.id === first), ...senses.filter((s) => s.id !== first)] : senses;
}

function sources(sense: Sense): string {
  return sense.sources.length ? sense.sources.map(citeMarkdown).join('; ') : '—';
}

function pinCard(pin: WrittenPin, analysis: Analysis, registry: Registry): string {
  const term = registry.terms.get(pin.term);
  const heading = `**${escapeMarkdown(pin.term)}${pin.sense ? ` = ${escapeMarkdown(pin.sense)}` : ''}** · ${pin.where === 'frontmatter' ? 'front matter pin' : 'pin directive'}`;
  if (!term) {
    return `${heading}\n\nUnknown term id. Known contested terms: ${[...registry.terms.values()].filter((t) => t.contested).map((t) => `\`${t.id}\``).join(', ')}.`;
  }
  const sense = senseOf(term, pin.sense);
  if (!sense) {
    return `${heading}\n\n${pin.sense ? 'Unknown sense id' : 'No sense given'} for ${escapeMarkdown(term.label)}. Senses: ${term.senses.map((s) => `\`${s.id}\``).join(', ')}.`;
  }
  const settles = analysis.occurrences.filter((o) => o.term === term.id && o.status === 'pinned' && o.via === pin.where && (pin.where === 'frontmatter' || o.decidedAt?.start === pin.span.start)).length;
  const scope = pin.where === 'frontmatter' ? 'Pins the sense for the whole draft (section pin directives override it).' : 'Pins the sense from here to the next pin directive of this term.';
  const parts = [
    heading,
    `${scope} It settles ${settles} ${settles === 1 ? 'use' : 'uses'} in this draft.`,
    `**${escapeMarkdown(term.label)}, ${escapeMarkdown(sense.label)}:** ${escapeMarkdown(sense.definition || sense.oneLine)}`,
  ];
  if (sense.sources.length) parts.push(`Source: ${sources(sense)}`);
  return parts.join('\n\n');
}
