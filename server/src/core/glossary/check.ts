/**
 * Semantic checks of a merged glossary: what the JSON Schema cannot express because
 * it spans entries or layers (a sense citing a source defined elsewhere, a form two
 * terms claim, an implication naming a term). Each problem points at the innermost
 * file that wrote the offending entry, so a team's mistake is reported in the team's
 * file and a preset's in the preset. Pins are checked when the registry compiles.
 */
import { normalizePhrase } from '../phrases';
import { closest } from '../suggest';
import type { ConfigProblem } from '../types';
import type { GlossaryLayer } from './merge';
import { describePath } from './parse';
import type { AvoidEntry, ImplicationEntry, MergedGlossary, TermEntry } from './types';

/** Sense ids the engine gives its own meaning (an own definition, a settled term). */
const RESERVED_SENSES: Record<string, string> = {
  custom: "is reserved for a draft's own definitions",
};

type Path = (string | number)[];

/** Every semantic problem of `merged`, positioned in the layer that wrote it. Never throws. */
export function checkGlossary(layers: GlossaryLayer[], merged: MergedGlossary): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const at = (path: Path, message: string, key = false) => problems.push({ ...locate(layers, path, key), message });

  const sourceIds = Object.keys(merged.sources);
  // Required in the merged result, not per file: an inner file may add a url to a source of an outer one.
  for (const [id, source] of Object.entries(merged.sources)) {
    if (!source.title?.trim()) at(['sources', id], `source ${id} has no 'title'; give the work's title (citations show it)`, true);
  }
  for (const [termId, term] of Object.entries(merged.terms)) {
    for (const [senseId, sense] of Object.entries(term.senses ?? {})) {
      if (Object.hasOwn(RESERVED_SENSES, senseId)) at(['terms', termId, 'senses', senseId], `sense id '${senseId}' of ${termId} ${RESERVED_SENSES[senseId]}; choose another id`, true);
      (sense.sources ?? []).forEach((sourceId, i) => {
        // Own keys only: an id such as 'constructor' or 'toString' is not a source because Object.prototype has it.
        if (Object.hasOwn(merged.sources, sourceId)) return;
        const hint = closest(sourceId, sourceIds);
        at(['terms', termId, 'senses', senseId, 'sources', i], `unknown source id '${sourceId}' in '${describePath(['terms', termId, 'senses', senseId, 'sources'])}'; ${hint ? `did you mean '${hint}'?` : "define it under 'sources'"}`);
      });
    }
    checkForms(termId, term, at);
  }
  checkSharedForms(layers, merged, at);
  merged.avoid.forEach((entry) => checkAvoid(entry, layers, problems));
  merged.implications.forEach((implication) => checkImplication(implication, merged, layers, problems));
  return problems;
}

function checkForms(termId: string, term: TermEntry, at: (path: Path, message: string) => void): void {
  const forms = term.forms;
  if (forms && forms.length === 0 && term.enabled !== false) {
    at(['terms', termId, 'forms'], `term ${termId} is enabled but has no forms; list how it is written under 'forms', or set 'enabled: false'`);
  }
  forms?.forEach((form, i) => {
    if (!normalizePhrase(form)) at(['terms', termId, 'forms', i], `form '${form}' of ${termId} has no letters or digits`);
  });
  if (term.preferred !== undefined) {
    const effective = forms && forms.length ? forms : [term.label ?? termId.replace(/-/g, ' ')];
    const key = normalizePhrase(term.preferred);
    if (!effective.some((f) => normalizePhrase(f) === key)) {
      at(['terms', termId, 'preferred'], `preferred spelling '${term.preferred}' of ${termId} is not one of its forms (${effective.join(', ')}); add it to 'forms' or correct it`);
    }
  }
}

/** A phrase may belong to one enabled term only; the term whose forms were written last is the one reported. */
function checkSharedForms(layers: GlossaryLayer[], merged: MergedGlossary, at: (path: Path, message: string, key?: boolean) => void): void {
  const entries = Object.entries(merged.terms)
    .filter(([, term]) => term.enabled !== false)
    .map(([id, term], order) => ({ id, term, order, layer: lastLayerWith(layers, ['terms', id, term.forms?.length ? 'forms' : 'label']) }))
    .sort((a, b) => a.layer - b.layer || a.order - b.order);
  const owner = new Map<string, string>();
  for (const { id, term } of entries) {
    const explicit = !!term.forms?.length;
    const forms = explicit ? term.forms! : [term.label ?? id.replace(/-/g, ' ')];
    const mine = new Set<string>();
    forms.forEach((form, i) => {
      const key = normalizePhrase(form);
      if (!key || mine.has(key)) return;
      mine.add(key);
      const other = owner.get(key);
      if (other === undefined) {
        owner.set(key, id);
        return;
      }
      const path: Path = explicit ? ['terms', id, 'forms', i] : ['terms', id];
      const what = explicit ? `form '${form}' of ${id}` : `'${form}' (the label of ${id}, used as its form)`;
      at(path, `${what} is also a form of ${other}; a phrase can belong to one term only: remove it from one of them, or set 'enabled: false' on one`, !explicit);
    });
  }
}

function checkAvoid(entry: AvoidEntry, layers: GlossaryLayer[], problems: ConfigProblem[]): void {
  const found = findEntry(layers, 'avoid', entry);
  const at = (field: string, message: string) => problems.push({ ...positionIn(layers, found, field), message });
  const phrase = normalizePhrase(entry.phrase);
  if (!phrase) {
    at('phrase', `avoid phrase '${entry.phrase}' has no letters or digits`);
    return;
  }
  if (entry.use !== undefined && !entry.use.trim()) at('use', `'use' of avoid entry '${entry.phrase}' must not be empty; give the replacement, or leave 'use' out`);
  else if (entry.use !== undefined && normalizePhrase(entry.use) === phrase) at('use', `'use' of avoid entry '${entry.phrase}' is the phrase itself; give the replacement the house prefers`);
}

function checkImplication(implication: ImplicationEntry, merged: MergedGlossary, layers: GlossaryLayer[], problems: ConfigProblem[]): void {
  const found = findEntry(layers, 'implications', implication);
  const termIds = Object.keys(merged.terms);
  const unknownTerm = (id: string, field: string, where: Path) => {
    if (Object.hasOwn(merged.terms, id)) return false;
    const hint = closest(id, termIds);
    problems.push({ ...positionIn(layers, found, where), message: `unknown term id '${id}' in ${field} of implication '${implication.id}'${hint ? `; did you mean '${hint}'?` : ''}` });
    return true;
  };
  implication.all.forEach((id, i) => unknownTerm(id, "'all'", ['all', i]));
  unknownTerm(implication.gives, "'gives'", ['gives']);
  for (const [termId, senseId] of Object.entries(implication.senses ?? {})) {
    if (unknownTerm(termId, "'senses'", ['senses', termId])) continue;
    const senses = Object.keys(merged.terms[termId].senses ?? { default: {} });
    if (senses.includes(senseId)) continue;
    const hint = closest(senseId, senses);
    problems.push({
      ...positionIn(layers, found, ['senses', termId]),
      message: `unknown sense id '${senseId}' for ${termId} in implication '${implication.id}'; ${hint ? `did you mean '${hint}'?` : `expected one of: ${senses.join(', ')}`}`,
    });
  }
}

/** Where the innermost layer that has `path` puts it (its key when `key`). */
function locate(layers: GlossaryLayer[], path: Path, key = false): Omit<ConfigProblem, 'message'> {
  const index = lastLayerWith(layers, path);
  const layer = layers[index] ?? layers[layers.length - 1];
  if (!layer) return { file: '<glossary>', line: 1, column: 1 };
  const position = key && layer.keyPositionOf ? layer.keyPositionOf(path) : layer.positionOf(path);
  return { file: layer.file, ...position };
}

/** Index of the innermost layer whose glossary has a value at `path`, or -1. */
function lastLayerWith(layers: GlossaryLayer[], path: Path): number {
  for (let i = layers.length - 1; i >= 0; i--) {
    let node: unknown = layers[i].glossary;
    for (const part of path) {
      node = node && typeof node === 'object' ? (node as Record<string | number, unknown>)[part] : undefined;
      if (node === undefined) break;
    }
    if (node !== undefined) return i;
  }
  return -1;
}

/** The layer and index of a list entry the merge took over as is (avoid, implications). */
function findEntry(layers: GlossaryLayer[], list: 'avoid' | 'implications', entry: object): { layer: GlossaryLayer; path: Path } | null {
  for (let i = layers.length - 1; i >= 0; i--) {
    const items = (layers[i].glossary[list] ?? []) as object[];
    const index = items.indexOf(entry);
    if (index >= 0) return { layer: layers[i], path: [list, index] };
  }
  return null;
}

function positionIn(layers: GlossaryLayer[], found: { layer: GlossaryLayer; path: Path } | null, field: string | Path): Omit<ConfigProblem, 'message'> {
  const layer = found?.layer ?? layers[layers.length - 1];
  if (!layer) return { file: '<glossary>', line: 1, column: 1 };
  const path = found ? [...found.path, ...(Array.isArray(field) ? field : [field])] : [];
  return { file: layer.file, ...layer.positionOf(path) };
}
