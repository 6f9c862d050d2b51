/**
 * Configures textlint + textlint-rule-terminology, the nearest existing tool, with
 * the same term forms the engine matches: every enabled form of the recommended
 * registry, spelled out in the variants our matcher accepts (space or hyphen between
 * words, British -ise/-isation/-iser, behaviour). Plain strings, which the rule folds
 * into one regular expression: its fastest configuration, so the comparison is
 * conservative.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { BUILD_DIR, ROOT } from './build.mjs';

/** Spelling variants of one normalized form ("mesa optimizer" -> mesa-optimiser, ...). */
export function variantsOf(normalized) {
  const out = new Set();
  const british = normalized
    .replace(/behavior/g, 'behaviour')
    .replace(/(?<=[a-z]{3}i)z(?=(?:e|es|ed|er|ers|ing|ation|ations)\b)/g, 's');
  for (const spelling of new Set([normalized, british])) {
    out.add(spelling);
    if (spelling.includes(' ')) out.add(spelling.replace(/ /g, '-'));
  }
  return [...out];
}

/** Writes bench/.build/textlintrc.json; returns its path and the number of term strings. */
export function writeTextlintConfig(registry) {
  const terms = new Set();
  for (const term of registry.terms.values()) {
    if (!term.enabled) continue;
    for (const form of term.forms) for (const v of variantsOf(form.toLowerCase().replace(/[\s-]+/g, ' ').trim())) terms.add(v);
  }
  const config = { rules: { terminology: { defaultTerms: false, skip: [], terms: [...terms] } } };
  const file = path.join(BUILD_DIR, 'textlintrc.json');
  writeFileSync(file, `${JSON.stringify(config, null, 1)}\n`);
  return { file, terms: terms.size };
}

/** The textlint command line over `files` (absolute paths), run with cwd bench/. */
export function textlintCommand(configFile, files, outputFile) {
  return {
    cmd: process.execPath,
    args: [path.join(ROOT, 'bench', 'node_modules', 'textlint', 'bin', 'textlint.js'), '--config', configFile, '--format', 'json', '--output-file', outputFile, ...files],
    cwd: path.join(ROOT, 'bench'),
  };
}
