/**
 * Loads a glossary with everything it extends. Reading files goes through a host, so
 * the CLI, the language server and tests supply their own; nothing here touches disk.
 */
import { dirname, isInside, relativeTo, resolvePath } from '../paths';
import { closest } from '../suggest';
import type { ConfigProblem } from '../types';
import { checkGlossary } from './check';
import { emptyGlossary, mergeLayers, type GlossaryLayer } from './merge';
import { parseGlossary, type ParsedGlossary } from './parse';
import { isPresetName, PRESET_DATA, PRESET_NAMES, presetPath, type PresetName } from './presets';
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
  /**
   * The layers merged, base first (presets, then extended files, then the file
   * itself), each file once. `print-config` uses them to tell house entries from
   * built-in ones.
   */
  layers: GlossaryLayer[];
}

const MAX_CHAIN = 32;

interface LoadState {
  host: GlossaryHost;
  boundary: string;
  layers: GlossaryLayer[];
  problems: ConfigProblem[];
  /** Files already loaded (a file extended twice is applied once, at its first place), and whether their chain has a preset. */
  done: Map<string, boolean>;
}

/** Loads a preset by name, with its own `extends` chain. Never fails for shipped presets. */
export function loadPreset(name: PresetName): LoadedGlossary {
  const state: LoadState = { host: { readFile: () => undefined }, boundary: '/', layers: [], problems: [], done: new Map() };
  collectPreset(name, state);
  return finish(state);
}

/**
 * Loads the glossary file at `path` (absolute, '/'-separated) and what it extends.
 * A glossary that extends no preset gets `recommended` underneath. Problems (bad
 * YAML, schema errors, missing or cyclic `extends`, paths outside the boundary,
 * references to unknown ids) come back positioned; when any is found the glossary
 * is still returned, merged from the layers that were usable, so callers can decide
 * to keep an older good one. Never throws.
 */
export function loadGlossary(host: GlossaryHost, path: string, options: LoadOptions = {}): LoadedGlossary {
  const state: LoadState = { host, boundary: options.boundary ?? dirname(path), layers: [], problems: [], done: new Map() };
  const sawPreset = collectFile(path, state, [], null);
  if (!sawPreset) {
    const files: LoadState = { ...state, layers: [], problems: state.problems };
    collectPreset('recommended', files);
    state.layers.unshift(...files.layers);
  }
  return finish(state);
}

function finish(state: LoadState): LoadedGlossary {
  const glossary = state.layers.length ? mergeLayers(state.layers) : emptyGlossary();
  // Semantic checks only mean something once the layers that were usable are merged.
  const problems = [...state.problems, ...checkGlossary(state.layers, glossary)];
  return { glossary, problems, layers: state.layers };
}

const parsedPresets = new Map<PresetName, ParsedGlossary>();

/**
 * A preset as a parsed glossary. Its data was parsed and validated at build time;
 * it is frozen, because every load shares it. Presets carry no pins, so their
 * positions (used only in messages about a file's own entries) are never asked for.
 */
function parsedPreset(name: PresetName): ParsedGlossary {
  let parsed = parsedPresets.get(name);
  if (!parsed) {
    const glossary = PRESET_DATA[name];
    deepFreeze(glossary);
    const start = () => ({ line: 1, column: 1 });
    parsed = { glossary, problems: [], positionOf: start, keyPositionOf: start };
    parsedPresets.set(name, parsed);
  }
  return parsed;
}

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}

function collectPreset(name: PresetName, state: LoadState): void {
  const file = presetPath(name);
  if (state.done.has(file)) return;
  state.done.set(file, true);
  const parsed = parsedPreset(name);
  state.problems.push(...parsed.problems);
  if (!parsed.glossary) return;
  for (const parent of toList(parsed.glossary.extends)) {
    if (isPresetName(parent)) collectPreset(parent, state);
  }
  state.layers.push({ file, folder: '/', glossary: parsed.glossary, positionOf: parsed.positionOf, keyPositionOf: parsed.keyPositionOf });
}

/** Returns true when the chain contains a preset. */
function collectFile(path: string, state: LoadState, stack: string[], from: { file: string; line: number; column: number; written: string } | null): boolean {
  const where = from ? { file: from.file, line: from.line, column: from.column } : { file: path, line: 1, column: 1 };
  if (stack.includes(path)) {
    const chain = [...stack.slice(stack.indexOf(path)), path].map((p) => shown(p, state.boundary));
    state.problems.push({ ...where, message: `'extends' makes a cycle: ${chain.join(' -> ')}; remove one of these 'extends'` });
    return false;
  }
  const done = state.done.get(path);
  if (done !== undefined) return done;
  if (stack.length >= MAX_CHAIN) {
    state.problems.push({ ...where, message: `'extends' chain is longer than ${MAX_CHAIN} files` });
    return false;
  }
  const text = state.host.readFile(path);
  if (text === undefined) {
    state.problems.push({
      ...where,
      message: from ? `cannot read '${from.written}' named in 'extends': no such file ${shown(path, state.boundary)}` : `cannot read glossary: ${path}`,
    });
    return false;
  }
  state.done.set(path, false);
  const parsed = parseGlossary(text, path);
  state.problems.push(...parsed.problems);
  if (!parsed.glossary) return false;
  let sawPreset = false;
  const parents = toList(parsed.glossary.extends);
  parents.forEach((parent, index) => {
    const position = parsed.positionOf(Array.isArray(parsed.glossary!.extends) ? ['extends', index] : ['extends']);
    const origin = { file: path, ...position, written: parent };
    if (isPresetName(parent)) {
      collectPreset(parent, state);
      sawPreset = true;
      return;
    }
    if (/^[a-z][a-z0-9-]*$/.test(parent) && !parent.includes('.')) {
      const hint = closest(parent, PRESET_NAMES);
      state.problems.push({
        ...where0(origin),
        message: `unknown preset '${parent}' in 'extends'; ${hint ? `did you mean '${hint}'?` : `expected ${PRESET_NAMES.join(' or ')}, or a relative path such as ./base.yaml`}`,
      });
      return;
    }
    const target = resolvePath(dirname(path), parent);
    if (!isInside(target, state.boundary)) {
      state.problems.push({ ...where0(origin), message: `'extends' path '${parent}' leads outside ${state.boundary}; a glossary may only extend files inside it` });
      return;
    }
    if (collectFile(target, state, [...stack, path], origin)) sawPreset = true;
  });
  state.done.set(path, sawPreset);
  state.layers.push({ file: path, folder: dirname(path), glossary: parsed.glossary, positionOf: parsed.positionOf, keyPositionOf: parsed.keyPositionOf });
  return sawPreset;
}

function where0(origin: { file: string; line: number; column: number }) {
  return { file: origin.file, line: origin.line, column: origin.column };
}

/** A path as messages show it: relative to the boundary when inside it. */
function shown(path: string, boundary: string): string {
  return isInside(path, boundary) && path !== boundary ? relativeTo(boundary, path) : path;
}

function toList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
