/**
 * Public surface of the engine. Faces (CLI, language server, tests) import from here.
 */
export { analyze, analyzeWhole, presetRegistry, type Analysis } from './service';
export { compileRegistry, cite, type Registry, type Term, type Sense, type Source } from './registry';
export { loadGlossary, loadPreset, type GlossaryHost, type LoadedGlossary } from './glossary/load';
export { LineIndex } from './positions';
export type * from './types';
export { analyzeIncremental, type IncrementalAnalysis } from './incremental';
