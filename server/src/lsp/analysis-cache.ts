/**
 * The server's one call into the engine's analysis. Every feature (diagnostics,
 * hover, code actions, completion ranking, definition, status) asks this cache, which
 * keeps the latest analysis per document, keyed by version and registry; asking
 * again for the same version answers from the cache without re-analysing.
 * (Incremental re-analysis belongs here: the previous entry is at hand.)
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, type Analysis, type Registry } from '../core';

interface Entry {
  version: number;
  registry: Registry;
  analysis: Analysis;
}

/** Latest analysis per document URI. */
export class AnalysisCache {
  private readonly entries = new Map<string, Entry>();

  /** The analysis of `document`'s current version under `registry` (computed once per version and registry). */
  get(document: TextDocument, registry: Registry): Analysis {
    const entry = this.entries.get(document.uri);
    if (entry && entry.version === document.version && entry.registry === registry) return entry.analysis;
    const analysis = analyze(document.getText(), registry);
    this.entries.set(document.uri, { version: document.version, registry, analysis });
    return analysis;
  }

  /** The cached analysis of exactly this version, if any (never computes). */
  peek(uri: string, version: number): Analysis | undefined {
    const entry = this.entries.get(uri);
    return entry && entry.version === version ? entry.analysis : undefined;
  }

  /** Forgets a closed document. */
  drop(uri: string): void {
    this.entries.delete(uri);
  }
}
