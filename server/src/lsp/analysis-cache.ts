/**
 * The server's one call into the engine's analysis. Every feature (diagnostics,
 * hover, code actions, completion ranking, definition, status) asks this cache, which
 * keeps the latest analysis per document, keyed by version and registry; asking
 * again for the same version answers from the cache without re-analysing. A new
 * version is analysed incrementally from the previous one (blocks an edit did not
 * touch are reused), which keeps per-keystroke work small even in long drafts.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeIncremental, type Analysis, type IncrementalAnalysis, type Registry } from '../core';

interface Entry {
  version: number;
  registry: Registry;
  analysis: IncrementalAnalysis;
}

/** Latest analysis per document URI. */
export class AnalysisCache {
  private readonly entries = new Map<string, Entry>();

  /** The analysis of `document`'s current version under `registry` (computed once per version and registry). */
  get(document: TextDocument, registry: Registry): Analysis {
    const entry = this.entries.get(document.uri);
    if (entry && entry.version === document.version && entry.registry === registry) return entry.analysis;
    // The previous version's blocks are reused when the registry is the same (the engine checks).
    const analysis = analyzeIncremental(document.getText(), registry, entry?.analysis);
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
