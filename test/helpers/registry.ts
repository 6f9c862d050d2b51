/**
 * Registries for tests: a house glossary given as YAML text, compiled the way the
 * CLI and the server compile one (extends the built-in presets, no disk access).
 */
import { compileRegistry, loadGlossary, type Registry } from '../../server/src/core';

/** Compiles `yaml` as /house/.alignment-terms.yaml. Throws when it has problems, naming them. */
export function houseRegistry(yaml: string): Registry {
  const file = '/house/.alignment-terms.yaml';
  const loaded = loadGlossary({ readFile: (p) => (p === file ? yaml : undefined) }, file, { boundary: '/house' });
  const compiled = compileRegistry(loaded.glossary);
  const problems = [...loaded.problems, ...compiled.problems];
  if (problems.length) throw new Error(`test glossary has problems: ${problems.map((p) => `${p.line}:${p.column} ${p.message}`).join('; ')}`);
  return compiled.registry;
}
