/**
 * Loads a glossary with everything it extends. Reading files goes through a host, so
 * the CLI, the language server and tests supply their own; nothing here touches disk.
 */
import { dirname, isInside, resolvePath } from '../paths';
import type { ConfigProblem } from '../types';
import { emptyGlossary, mergeLayers, type GlossaryLayer } from './merge';
import { parseGlossary } from './parse';
import { isPresetName, PRESET_TEXT, presetPath, type PresetName } from './presets';
import type { MergedGlossary } from './types';

/** What the loader needs from its host. */
export interface GlossaryHost {
  /** The file's text, or undefined when it does not exist or cannot be read. */
  readFile(path: string): string | undefined;
}

/** Options for loadGlossary. */
export interface LoadOptions {
  /**
   * `extends` paths must stay inside this folder (the repository or workspace
   * folder); a glossary that reaches outside it is refused. Defaults to the folder
   * of the glossary itself.
   */
  boundary?: string;
}

/** A loaded glossary: merged data, plus problems (empty when the glossary is usable). */
export interface LoadedGlossary {
  glossary: MergedGlossary;
  problems: ConfigProblem[];
}

const MAX_CHAIN = 32;

/** Loads a preset by name, with its own `extends` chain. Never fails for shipped presets. */
export function loadPreset(name: PresetName): LoadedGlossary {
  const layers: GlossaryLayer[] = [];
  const problems: ConfigProblem[] = [];
  collectPreset(name, layers, problems, []);
  return { glossary: mergeLayers(layers), problems };
}

/**
 * Loads the glossary file at `path` (absolute, '/'-separated) and what it extends.
 * A glossary that extends no preset gets `recommended` underneath. Problems (bad
 * YAML, schema errors, missing or cyclic `extends`, paths outside the boundary) come
 * back positioned; when any is found the glossary is still returned, merged from the
 * layers that were usable, so callers can decide to keep an older good one.
 */
export function loadGlossary(host: GlossaryHost, path: string, options: LoadOptions = {}): LoadedGlossary {
  const layers: GlossaryLayer[] = [];
  const problems: ConfigProblem[] = [];
  const boundary = options.boundary ?? dirname(path);
  const sawPreset = collectFile(host, path, boundary, layers, problems, [], null);
  if (!sawPreset) {
    const base: GlossaryLayer[] = [];
    collectPreset('recommended', base, problems, []);
    layers.unshift(...base);
  }
  const glossary = layers.length ? mergeLayers(layers) : emptyGlossary();
  return { glossary, problems };
}

function collectPreset(name: PresetName, layers: GlossaryLayer[], problems: ConfigProblem[], stack: string[]): void {
  const file = presetPath(name);
  if (stack.includes(file)) return;
  const parsed = parseGlossary(PRESET_TEXT[name], file);
  problems.push(...parsed.problems);
  if (!parsed.glossary) return;
  for (const parent of toList(parsed.glossary.extends)) {
    if (isPresetName(parent)) collectPreset(parent, layers, problems, [...stack, file]);
  }
  layers.push({ file, folder: '/', glossary: parsed.glossary, positionOf: parsed.positionOf });
}

/** Returns true when the chain contains a preset. */
function collectFile(
  host: GlossaryHost,
  path: string,
  boundary: string,
  layers: GlossaryLayer[],
  problems: ConfigProblem[],
  stack: string[],
  from: { file: string; line: number; column: number } | null,
): boolean {
  const where = from ?? { file: path, line: 1, column: 1 };
  if (stack.includes(path)) {
    problems.push({ ...where, message: `'extends' makes a cycle: ${[...stack, path].join(' -> ')}` });
    return false;
  }
  if (stack.length >= MAX_CHAIN) {
    problems.push({ ...where, message: `'extends' chain is longer than ${MAX_CHAIN} files` });
    return false;
  }
  const text = host.readFile(path);
  if (text === undefined) {
    problems.push({ ...where, message: from ? `cannot read the glossary it extends: ${path}` : `cannot read glossary: ${path}` });
    return false;
  }
  const parsed = parseGlossary(text, path);
  problems.push(...parsed.problems);
  if (!parsed.glossary) return false;
  let sawPreset = false;
  const parents = toList(parsed.glossary.extends);
  parents.forEach((parent, index) => {
    const position = parsed.positionOf(Array.isArray(parsed.glossary!.extends) ? ['extends', index] : ['extends']);
    const origin = { file: path, ...position };
    if (isPresetName(parent)) {
      collectPreset(parent, layers, problems, []);
      sawPreset = true;
      return;
    }
    if (/^[a-z]+$/.test(parent)) {
      problems.push({ ...origin, message: `unknown preset '${parent}' in 'extends'; expected recommended, strict or a relative path such as ./base.yaml` });
      return;
    }
    const target = resolvePath(dirname(path), parent);
    if (!isInside(target, boundary)) {
      problems.push({ ...origin, message: `'extends' path '${parent}' leads outside ${boundary}; refusing to read it` });
      return;
    }
    if (collectFile(host, target, boundary, layers, problems, [...stack, path], origin)) sawPreset = true;
  });
  layers.push({ file: path, folder: dirname(path), glossary: parsed.glossary, positionOf: parsed.positionOf });
  return sawPreset;
}

function toList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
