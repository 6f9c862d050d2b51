/**
 * `alignment-terms explain TERM`: every sense of a term with its definition and
 * sources. TERM may be an id (inner-alignment) or any written form ("inner
 * misalignment"). Uses the glossary that applies in the current folder.
 */
import path from 'node:path';
import { cite, type Registry, type Term } from '../core';
import { normalizePhrase } from '../core/phrases';
import { closest } from '../core/suggest';
import { stringOption, type CommandIO, type OptionValues } from './command';
import { colorsFor, type Colors } from './color';
import { ConfigResolver } from './config';
import { UsageError } from './errors';

/** Runs `explain`; returns the exit code. Throws UsageError for an unknown term or format. */
export function explain(args: string[], options: OptionValues, io: CommandIO): number {
  const wanted = args.join(' ').trim();
  if (!wanted) throw new UsageError('explain needs a term, e.g. alignment-terms explain inner-alignment');
  const config = stringOption(options, 'config');
  const format = stringOption(options, 'format');
  const colors = colorsFor(options, io.stdout, io.env);
  const resolver = new ConfigResolver(config ? path.resolve(io.cwd, config) : undefined);
  const registry = resolver.registryFor(path.join(io.cwd, 'draft.md'));
  const term = findTerm(wanted, registry);
  if (!term) {
    const hint = closest(wanted, registry.terms.keys());
    throw new UsageError(`unknown term '${wanted}'${hint ? `; did you mean '${hint}'?` : ''}`);
  }
  if (format === 'json') {
    io.stdout.write(`${JSON.stringify(term, null, 2)}\n`);
    return 0;
  }
  if (format && format !== 'stylish' && format !== 'text') throw new UsageError(`unknown format '${format}' for explain; expected text or json`);
  io.stdout.write(describeTerm(term, colors));
  return 0;
}

/** Finds a term by id or by any of its written forms. */
export function findTerm(wanted: string, registry: Registry): Term | undefined {
  return registry.terms.get(wanted) ?? registry.terms.get(registry.formToTerm.get(normalizePhrase(wanted)) ?? '');
}

function describeTerm(term: Term, colors: Colors): string {
  const out: string[] = [];
  out.push(`${colors.bold(term.label)} (${term.id})${term.contested ? `: contested, ${term.senses.length} senses` : ': settled'}${term.enabled ? '' : ' [off in this preset]'}`);
  if (term.summary) out.push(wrap(term.summary, '  '));
  out.push(`  Written as: ${term.forms.join(', ')}`);
  for (const sense of term.senses) {
    out.push('');
    out.push(term.contested ? `  ${colors.bold(sense.id)}${sense.label !== sense.id ? ` (${sense.label})` : ''}` : `  ${colors.bold('Definition')}`);
    if (sense.definition) out.push(wrap(sense.definition, '    '));
    for (const source of sense.sources) {
      out.push(`    ${colors.dim('Source:')} ${(source.authors ?? []).join(', ') || 'unknown author'}, "${source.title}"${source.year ? `, ${source.year}` : ''}${source.url ? ` ${source.url}` : ''}`);
    }
    if (term.contested) {
      out.push(`    ${colors.dim('Qualify:')} "${sense.insert} ${term.label}" or "${term.label} (${sense.insert})"; pin with ${term.id}: ${sense.id}`);
      const alternatives = [sense.alternatives.positive, sense.alternatives.negative].filter(Boolean);
      if (alternatives.length) out.push(`    ${colors.dim('Unambiguous alternative:')} ${alternatives.join(' / ')}`);
    }
  }
  if (term.contested) out.push('', `  Sources by citation: ${[...new Set(term.senses.flatMap((s) => s.sources.map(cite)))].join('; ')}`);
  return `${out.join('\n')}\n`;
}

function wrap(text: string, indent: string, width = 88): string {
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
  const lines: string[] = [];
  let line = indent;
  for (const word of words) {
    if (line.length + word.length + 1 > width && line.trim()) {
      lines.push(line.trimEnd());
      line = indent;
    }
    line += `${word} `;
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines.join('\n');
}
