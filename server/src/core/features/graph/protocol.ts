/**
 * The language server's concept-map request, shared by the server
 * (server/src/lsp/concept-map.ts) and the VS Code client (client/src/conceptMap.ts
 * keeps a copy of the method name, checked equal by a test). No imports: the
 * client bundle may include this file without pulling in the engine.
 */

/** Request method: the concept map of an open draft. */
export const CONCEPT_MAP_METHOD = 'alignmentTerms/conceptMap';

/** Params: the draft, and the format (default svg). */
export interface ConceptMapParams {
  uri: string;
  format?: 'svg' | 'mermaid' | 'dot';
}

/** Answer, or null when the document is not an open Markdown draft or checking is disabled for it. */
export interface ConceptMapResult {
  uri: string;
  /** Document version the map was drawn from. */
  version: number;
  format: 'svg' | 'mermaid' | 'dot';
  /** The rendered map (an SVG document for svg). */
  text: string;
}
