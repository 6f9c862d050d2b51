/**
 * The resolved glossary of a draft, as `--print-config` shows it: the files it came
 * from, the house pins (with where each was set), every rule's effective severity,
 * the terms and sources the house added or changed, the avoid list and the ignore
 * globs. Built-in entries the house did not touch are left out: the question is
 * "what does our glossary change", and the presets are documented elsewhere.
 */
import { Document, isMap, isScalar, type Scalar } from 'yaml';
import type { Registry } from '../registry';
import type { RuleId, Severity } from '../types';
import type { LoadedGlossary } from './load';
import type { AvoidEntry, SourceEntry, TermEntry } from './types';

/** The data `--print-config --format json` prints. */
export interface ResolvedGlossaryData {
  draft: string;
  /** True when the glossary's `ignore` globs skip the draft. */
  ignored: boolean;
  /** Every file merged, base first (presets as <built-in:NAME.yaml>). */
  files: string[];
  pin: Record<string, string>;
  rules: Record<RuleId, Severity>;
  sources: Record<string, SourceEntry>;
  terms: Record<string, TermEntry>;
  avoid: AvoidEntry[];
  /** Globs, each with the folder it is relative to. */
  ignore: { glob: string; in: string }[];
}

/** How to show paths (relative to the working folder, say); the core knows no cwd. */
export interface ResolvedOptions {
  draft: string;
  ignored: boolean;
  show(path: string): string;
}

/** The resolved data, and the same as commented YAML. Never throws. */
export function resolvedGlossary(loaded: LoadedGlossary, registry: Registry, options: ResolvedOptions): { data: ResolvedGlossaryData; yaml(): string } {
  const merged = loaded.glossary;
  const house = loaded.layers.filter((layer) => !layer.file.startsWith('<built-in:'));
  const builtIn = loaded.layers.filter((layer) => layer.file.startsWith('<built-in:'));
  const inBuiltIn = (section: 'terms' | 'sources', id: string) => builtIn.some((layer) => layer.glossary[section]?.[id] !== undefined);

  const terms: Record<string, TermEntry> = {};
  const termNotes: Record<string, string> = {};
  for (const id of touched(house, 'terms')) {
    const entry = merged.terms[id];
    if (!entry) continue;
    const by = house.filter((layer) => layer.glossary.terms?.[id]).map((layer) => options.show(layer.file));
    if (!inBuiltIn('terms', id)) {
      terms[id] = entry;
      termNotes[id] = `added by ${by.join(', ')}`;
      continue;
    }
    // A built-in term: only what the house wrote, with its merged value.
    const fields = new Set(house.flatMap((layer) => Object.keys(layer.glossary.terms?.[id] ?? {})));
    const shown: Record<string, unknown> = {};
    for (const field of fields) {
      if (field !== 'senses') shown[field] = entry[field as keyof TermEntry];
    }
    if (fields.has('senses')) {
      const senses = new Set(house.flatMap((layer) => Object.keys(layer.glossary.terms?.[id]?.senses ?? {})));
      shown.senses = Object.fromEntries([...senses].map((sense) => [sense, entry.senses?.[sense]]));
    }
    terms[id] = shown as TermEntry;
    termNotes[id] = `built-in, changed by ${by.join(', ')} (only what changed is shown)`;
  }
  const sources: Record<string, SourceEntry> = {};
  for (const id of touched(house, 'sources')) if (merged.sources[id]) sources[id] = merged.sources[id];

  const data: ResolvedGlossaryData = {
    draft: options.draft,
    ignored: options.ignored,
    files: merged.files.map(options.show),
    pin: Object.fromEntries([...registry.pins].map(([term, origin]) => [term, origin.sense])),
    rules: { ...registry.severity },
    sources,
    terms,
    avoid: merged.avoid,
    ignore: merged.ignore.map(({ base, glob }) => ({ glob, in: options.show(base) })),
  };

  const yaml = () => {
    const doc = new Document(data);
    doc.commentBefore = ` The glossary that applies to ${options.draft}, resolved (alignment-terms --print-config).\n Files are merged base first; rules show their effective severity.`;
    for (const [term, origin] of registry.pins) {
      const node = doc.getIn(['pin', term], true);
      if (isScalar(node)) node.comment = ` ${options.show(origin.file)}:${origin.line}`;
    }
    for (const [rule] of Object.entries(data.rules)) {
      const setBy = [...house].reverse().find((layer) => layer.glossary.rules?.[rule as RuleId] !== undefined);
      const node = doc.getIn(['rules', rule], true);
      if (setBy && isScalar(node)) node.comment = ` ${options.show(setBy.file)}`;
    }
    const termsNode = doc.get('terms', true);
    if (isMap(termsNode)) {
      for (const pair of termsNode.items) {
        const keyNode = pair.key as Scalar;
        if (isScalar(keyNode)) keyNode.commentBefore = ` ${termNotes[String(keyNode.value)]}`;
      }
    }
    return doc.toString({ lineWidth: 0 });
  };
  return { data, yaml };
}

/** Ids a section of the house layers mentions, in order of first mention. */
function touched(layers: LoadedGlossary['layers'], section: 'terms' | 'sources'): string[] {
  const ids: string[] = [];
  for (const layer of layers) for (const id of Object.keys(layer.glossary[section] ?? {})) if (!ids.includes(id)) ids.push(id);
  return ids;
}
