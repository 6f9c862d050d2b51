/**
 * The map's visual vocabulary, shared by the three renderers so a DOT, Mermaid and
 * SVG rendering of the same graph read alike: colours of highlights, diagram
 * accents, and what each edge kind looks like. Colours meet WCAG AA contrast on white.
 */
import type { EdgeKind, UseState } from './model';

/** Border and caption colour of a highlighted node, by how the draft's uses are settled. */
export const USE_COLOR: Record<UseState, string> = {
  resolved: '#1a7f37',
  mixed: '#8250df',
  ambiguous: '#bc4c00',
};

/** What each highlight colour means, for legends. */
export const USE_MEANING: Record<UseState, string> = {
  resolved: 'used in one sense',
  mixed: 'used in several senses',
  ambiguous: 'has ambiguous uses',
};

/** Accent colours of a framework's diagrams (frame, title and arrows), in order. */
export const DIAGRAM_ACCENTS = ['#0969da', '#1b7c83', '#6639ba', '#953800'];

/** Accent of a cluster by its `accent` index (neutral grey for clusters without one). */
export function accentColor(accent: number | undefined): string {
  return accent === undefined ? '#57606a' : DIAGRAM_ACCENTS[accent % DIAGRAM_ACCENTS.length];
}

/** Colour of an edge whose premise the draft uses only in other senses. */
export const CONFLICT_COLOR = '#cf222e';

/** Fill of contested and settled term boxes, of sense boxes and junction dots. */
export const FILL = { contested: '#fff1c2', settled: '#ffffff', sense: '#f6f8fa', junction: '#24292f' };

/** Text colours: main, secondary, and for terms the draft does not use when a draft is shown. */
export const INK = { main: '#1f2328', muted: '#57606a', faint: '#6e7781' };

/** How an edge kind is drawn. */
export interface EdgeLook {
  dashed: boolean;
  arrowhead: boolean;
  /** Uses the cluster's accent colour rather than grey. */
  accent: boolean;
}

/** Edge kinds' looks: implications in the diagram's accent; facts dashed; senses plain lines. */
export const EDGE_LOOK: Record<EdgeKind, EdgeLook> = {
  implies: { dashed: false, arrowhead: true, accent: true },
  premise: { dashed: false, arrowhead: false, accent: true },
  'is-a': { dashed: true, arrowhead: true, accent: false },
  'not-required': { dashed: true, arrowhead: true, accent: false },
  'sense-of': { dashed: false, arrowhead: false, accent: false },
};

/** Colour of a fact edge that denies something (does not require). */
export const DENIAL_COLOR = '#9a6700';
