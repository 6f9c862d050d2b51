/**
 * The concept map: the registry's implication graph, facts and senses as a picture,
 * with a draft's terms highlighted. build.ts makes the graph (data); dot.ts,
 * mermaid.ts and svg.ts render it. Pure: no file system, no process.
 */
import type { Registry } from '../../registry';
import { buildConceptGraph, type ConceptGraphOptions } from './build';
import { renderDot } from './dot';
import { renderMermaid } from './mermaid';
import type { ConceptGraph, GraphFormat } from './model';
import { renderSvg } from './svg';

export { buildConceptGraph, type ConceptGraphOptions } from './build';
export { renderDot } from './dot';
export { renderMermaid } from './mermaid';
export { renderSvg, type SvgOptions } from './svg';
export { draftUses } from './usage';
export { GRAPH_FORMATS, type ConceptGraph, type ConceptCluster, type ConceptNode, type ConceptEdge, type GraphFormat, type TermUse } from './model';

/** Renders `graph` in `format`. */
export function renderConceptGraph(graph: ConceptGraph, format: GraphFormat): string {
  return format === 'dot' ? renderDot(graph) : format === 'mermaid' ? renderMermaid(graph) : renderSvg(graph);
}

/** The concept map of `registry` (with a draft's highlights when `options.analysis` is given), rendered in `format`. */
export function conceptMap(registry: Registry, format: GraphFormat, options: ConceptGraphOptions = {}): string {
  return renderConceptGraph(buildConceptGraph(registry, options), format);
}
