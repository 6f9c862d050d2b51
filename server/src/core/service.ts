/**
 * The engine's facade: the verbs the CLI and the language server call. Pure: text
 * and a compiled registry in, plain data out; never throws on user input.
 */
import { loadPreset } from './glossary/load';
import { analyzeOnce } from './once';
import type { PresetName } from './glossary/presets';
import { parseMarkdown, type ParsedDocument } from './markdown/parse';
import { compileRegistry, type Registry } from './registry';
import { resolveDocument, type Resolution } from './resolve';
import { runRules } from './rules';
import { scanDocument } from './scan';
import type { Finding, Occurrence } from './types';

/** The full analysis of one document version. */
export interface Analysis {
  doc: ParsedDocument;
  occurrences: Occurrence[];
  findings: Finding[];
  resolution: Resolution;
}

/**
 * Runs every stage (parse, scan, resolve, rules) over `text`. The draft is parsed
 * in groups of blocks (see incremental.ts): the result is the same as one parse of
 * the whole text (test/engine/incremental.test.ts), and much cheaper on long drafts.
 */
export function analyze(text: string, registry: Registry): Analysis {
  return analyzeOnce(text, registry);
}

/** The same analysis from one parse of the whole text: the reference the block-wise analysis is tested against. */
export function analyzeWhole(text: string, registry: Registry): Analysis {
  const doc = parseMarkdown(text);
  const raw = scanDocument(doc, registry);
  const resolution = resolveDocument(doc, raw, registry);
  const findings = runRules(doc, resolution, registry);
  return { doc, occurrences: resolution.occurrences, findings, resolution };
}

const presets = new Map<PresetName, Registry>();

/** The compiled registry of a built-in preset (compiled once per process). */
export function presetRegistry(name: PresetName = 'recommended'): Registry {
  let registry = presets.get(name);
  if (!registry) {
    const loaded = loadPreset(name);
    const compiled = compileRegistry(loaded.glossary);
    const problems = [...loaded.problems, ...compiled.problems];
    if (problems.length) throw new Error(`built-in preset ${name} is invalid: ${problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.message}`).join('; ')}`);
    registry = compiled.registry;
    presets.set(name, registry);
  }
  return registry;
}
