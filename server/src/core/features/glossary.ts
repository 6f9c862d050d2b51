/**
 * "The definitions this draft relies on": a Markdown page listing, for every term the
 * draft uses, each sense in force, where it was decided, its definition and source,
 * and the uses nothing settles. The editor opens it as a document; the CLI can print
 * it (`alignment-terms glossary FILE`).
 */
import type { Registry } from '../registry';
import type { Analysis } from '../service';
import type { Occurrence, TextEdit } from '../types';
import { citeMarkdown, describeStatus, escapeMarkdown, lineOf, senseOf } from './describe';

/** Options of draftGlossary. */
export interface GlossaryOptions {
  /** How to name the draft in the heading (a file name). */
  title?: string;
}

/** The Markdown page of the definitions `analysis`'s draft relies on. */
export function draftGlossary(analysis: Analysis, registry: Registry, options: GlossaryOptions = {}): string {
  const out: string[] = [`# Definitions ${options.title ? `in ${escapeMarkdown(options.title)}` : 'this draft relies on'}`];
  const byTerm = new Map<string, Occurrence[]>();
  for (const o of analysis.occurrences) {
    if (o.status === 'mention' || o.status === 'ignored') continue;
    const list = byTerm.get(o.term) ?? [];
    list.push(o);
    byTerm.set(o.term, list);
  }
  if (byTerm.size === 0) {
    out.push('This draft uses none of the registry’s terms.');
    return `${out.join('\n\n')}\n`;
  }
  out.push('Every registry term the draft uses, the sense in force and what decided it. Mentions (quoted terms) and ignored uses are left out.');
  for (const [termId, uses] of byTerm) {
    const term = registry.terms.get(termId);
    if (!term) continue;
    out.push(`## ${escapeMarkdown(term.label)}${term.contested ? '' : ' (one sense)'}`);
    // Group uses that share a sense and a deciding reason, keeping first-use order.
    const groups = new Map<string, Occurrence[]>();
    for (const o of uses) {
      const key = o.status === 'ambiguous' ? 'ambiguous' : `${o.sense}\u0000${o.status}\u0000${o.via}\u0000${o.decidedAt?.start ?? ''}`;
      const list = groups.get(key) ?? [];
      list.push(o);
      groups.set(key, list);
    }
    for (const [key, group] of groups) {
      const first = group[0];
      const where = `${group.length === 1 ? 'line' : 'lines'} ${group.map((o) => lineOf(analysis, o.span.start)).filter((l, i, a) => a.indexOf(l) === i).join(', ')}`;
      if (key === 'ambiguous') {
        const likely = [...new Set(group.map((o) => o.likelySense).filter((s): s is string => !!s))].map((s) => senseOf(term, s)?.label ?? s);
        out.push(`**Not settled:** ${group.length} ambiguous ${group.length === 1 ? 'use' : 'uses'} (${where})${likely.length ? `; the cues point to ${likely.map((l) => `*${escapeMarkdown(l)}*`).join(' or ')}` : ''}. Pin a sense or qualify ${group.length === 1 ? 'it' : 'them'}.`);
        continue;
      }
      const sense = senseOf(term, first.sense);
      const status = describeStatus(first, analysis, registry);
      const head = sense && term.contested ? `**${escapeMarkdown(sense.label)}**: ${status}; ${where}.` : `${capitalize(status)}; ${where}.`;
      const body: string[] = [head];
      if (first.status === 'defined' && first.sense === 'custom') {
        const site = analysis.resolution.definitions.get(termId);
        const view = site ? analysis.resolution.views[site.context] : undefined;
        if (view) body.push(`> ${escapeMarkdown(truncate(view.plain, 400))}`);
      } else if (sense) {
        const definition = sense.definition || sense.oneLine;
        if (definition) body.push(`> ${escapeMarkdown(definition)}`);
        if (sense.sources.length) body.push(`Source: ${sense.sources.map(citeMarkdown).join('; ')}`);
      }
      out.push(body.join('\n\n'));
    }
  }
  return `${out.join('\n\n')}\n`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function truncate(text: string, max: number): string {
  const flat = text.replace(/\uFFFC/g, '…').replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/** The heading of the section termsSectionEdit inserts. */
export const TERMS_HEADING = 'Terms';

/**
 * The edit that appends the draft's glossary to the draft as a "Terms" section (one
 * level below the draft's top heading, each term one level further). The section is
 * wrapped in disable/enable directives: it quotes definitions and names senses, and
 * must not raise flags of its own. Null when the draft uses no registry term.
 */
export function termsSectionEdit(analysis: Analysis, registry: Registry): TextEdit | null {
  if (!analysis.occurrences.some((o) => o.status !== 'mention' && o.status !== 'ignored')) return null;
  const eol = analysis.doc.lines.eol;
  const page = draftGlossary(analysis, registry).trimEnd().split('\n');
  const body = page.slice(1).map((line) => (line.startsWith('## ') ? `### ${line.slice(3)}` : line));
  const text = analysis.doc.text;
  const end = text.length;
  const separator = text.length === 0 ? '' : text.endsWith('\n\n') ? '' : text.endsWith('\n') ? eol : `${eol}${eol}`;
  const section = ['<!-- alignment-terms-disable -->', '', `## ${TERMS_HEADING}`, ...body, '', '<!-- alignment-terms-enable -->', ''].join(eol);
  return { span: { start: end, end }, newText: `${separator}${section}` };
}
