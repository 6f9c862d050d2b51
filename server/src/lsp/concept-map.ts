/**
 * The server side of the concept map: request `alignmentTerms/conceptMap` answers
 * with the map of an open draft (SVG by default), its terms highlighted, drawn from
 * the draft's current text under the glossary that applies to it. The VS Code
 * client shows it in a webview; any LSP client may ask for it. Failures are logged
 * and answered with null; the server stays up.
 */
import type { Connection } from 'vscode-languageserver';
import { CONCEPT_MAP_METHOD, type ConceptMapParams, type ConceptMapResult } from '../core/features/graph/protocol';
import { buildConceptGraph, renderConceptGraph, GRAPH_FORMATS, type GraphFormat } from '../core/features/graph';
import type { DraftContext } from './handlers';

export { CONCEPT_MAP_METHOD, type ConceptMapParams, type ConceptMapResult };

/** The map of one draft's context in `format`. Pure apart from reading the context. */
export function conceptMapOf(context: DraftContext, format: GraphFormat = 'svg'): ConceptMapResult {
  const { document, registry, analysis } = context;
  const name = decodeURIComponent(document.uri.split(/[?#]/)[0].split('/').pop() || document.uri);
  const graph = buildConceptGraph(registry, { analysis, draft: name });
  return { uri: document.uri, version: document.version, format, text: renderConceptGraph(graph, format) };
}

/**
 * Registers the request on `connection`. `contextFor` is the server's own lookup
 * (null for a document that is not an open draft, or that checking is disabled for).
 * An unknown format is answered with null and a log line, never an exception.
 */
export function registerConceptMap(connection: Connection, contextFor: (uri: string) => Promise<DraftContext | null>): void {
  connection.onRequest(CONCEPT_MAP_METHOD, async (params: ConceptMapParams): Promise<ConceptMapResult | null> => {
    try {
      const format = params?.format ?? 'svg';
      if (!GRAPH_FORMATS.includes(format)) {
        connection.console.error(`alignment-terms: conceptMap: unknown format '${String(format)}'; expected ${GRAPH_FORMATS.join(', ')}`);
        return null;
      }
      const context = params && typeof params.uri === 'string' ? await contextFor(params.uri) : null;
      return context && conceptMapOf(context, format);
    } catch (error) {
      connection.console.error(`alignment-terms: conceptMap failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      return null;
    }
  });
}
