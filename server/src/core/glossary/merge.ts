/**
 * Merges glossary layers, base first. Documented semantics (README, "How
 * glossaries combine"): a term is merged field by field and its senses by id, each
 * sense field by field; lists inside them (forms, cues, sources, ...) replace;
 * `pin`, `rules` and `sources` merge by key, `implications` by id and `avoid` by
 * phrase (spelling variants count as the same phrase); `ignore` globs accumulate,
 * each relative to its own file's folder.
 */
import { normalizePhrase } from '../phrases';
import type { GlossaryFile, MergedGlossary, SenseEntry, TermEntry } from './types';

/** One layer to merge: the file's content, where it lives, and how to find positions in it. */
export interface GlossaryLayer {
  file: string;
  folder: string;
  glossary: GlossaryFile;
  positionOf(path: (string | number)[]): { line: number; column: number };
  /** The position of a map entry's key (falls back to positionOf). */
  keyPositionOf?(path: (string | number)[]): { line: number; column: number };
}

/** An empty merged glossary. */
export function emptyGlossary(): MergedGlossary {
  return { pin: {}, rules: {}, sources: {}, terms: {}, avoid: [], ignore: [], implications: [], claims: { conclusions: {}, notRequired: [], classifications: [] }, files: [] };
}

/** Merges `layers` in order (later layers win) into a fresh MergedGlossary. */
export function mergeLayers(layers: GlossaryLayer[]): MergedGlossary {
  const merged = emptyGlossary();
  for (const layer of layers) {
    const g = layer.glossary;
    merged.files.push(layer.file);
    for (const [term, sense] of Object.entries(g.pin ?? {})) {
      setOwn(merged.pin, term, { sense, file: layer.file, ...layer.positionOf(['pin', term]) });
    }
    assignOwn(merged.rules, g.rules ?? {});
    for (const [id, source] of Object.entries(g.sources ?? {})) {
      setOwn(merged.sources, id, { ...own(merged.sources, id), ...source });
    }
    for (const [id, term] of Object.entries(g.terms ?? {})) {
      setOwn(merged.terms, id, mergeTerm(own(merged.terms, id), term));
    }
    for (const entry of g.avoid ?? []) {
      const key = normalizePhrase(entry.phrase);
      const at = merged.avoid.findIndex((a) => normalizePhrase(a.phrase) === key);
      if (at >= 0) merged.avoid[at] = entry;
      else merged.avoid.push(entry);
    }
    for (const glob of g.ignore ?? []) {
      if (!merged.ignore.some((i) => i.base === layer.folder && i.glob === glob)) merged.ignore.push({ base: layer.folder, glob });
    }
    assignOwn(merged.claims.conclusions, g.claims?.conclusions ?? {});
    mergeById(merged.claims.notRequired, g.claims?.notRequired ?? []);
    mergeById(merged.claims.classifications, g.claims?.classifications ?? []);
    for (const implication of g.implications ?? []) {
      const at = merged.implications.findIndex((i) => i.id === implication.id);
      if (at >= 0) merged.implications[at] = implication;
      else merged.implications.push(implication);
    }
  }
  return merged;
}

/*
 * Keys come from a user's YAML, which may say `__proto__` or `constructor`: a plain
 * `map[key] = value` with key `__proto__` would replace the map's prototype (the pin
 * vanished unreported and its fields answered lookups of other ids), and `map[key]`
 * would read Object.prototype members. These write and read own properties only, so
 * such a key is data, reported like any other unknown id.
 */
function setOwn<T>(map: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(map, key, { value, writable: true, enumerable: true, configurable: true });
}
function own<T>(map: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(map, key) ? map[key] : undefined;
}
function assignOwn<T>(map: Record<string, T>, entries: Record<string, T>): void {
  for (const [key, value] of Object.entries(entries)) setOwn(map, key, value);
}

/** Replaces entries with the same id, appends new ones. */
function mergeById<T extends { id: string }>(target: T[], entries: T[]): void {
  for (const entry of entries) {
    const at = target.findIndex((t) => t.id === entry.id);
    if (at >= 0) target[at] = entry;
    else target.push(entry);
  }
}

function mergeTerm(base: TermEntry | undefined, over: TermEntry): TermEntry {
  if (!base) return structuredClone(over);
  const result: TermEntry = { ...base, ...over };
  // Neither layer giving senses must stay "no senses" (one default sense), not {}.
  if (base.senses || over.senses) {
    result.senses = { ...base.senses };
    for (const [id, sense] of Object.entries(over.senses ?? {})) {
      setOwn(result.senses, id, { ...(base.senses ? own(base.senses, id) : undefined), ...sense } as SenseEntry);
    }
  }
  return result;
}
