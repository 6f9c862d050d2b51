/**
 * Reads pins from the front matter's `alignment-terms:` map, keeping the source span
 * of every key and value (for unknown-pin, hovers, completion and the pin fix).
 */
import { isMap, isScalar, parseDocument, type Pair } from 'yaml';
import type { Span } from '../types';
import type { FrontMatter } from './parse';

/** One `term: sense` entry of the front matter map. */
export interface FrontMatterPin {
  term: string;
  sense: string;
  termSpan: Span;
  senseSpan: Span;
}

/** What the front matter says about this tool. */
export interface FrontMatterInfo {
  pins: FrontMatterPin[];
  /** Span of the `alignment-terms` map's value (block or flow), if the key exists. */
  mapSpan?: Span;
  /** True when the map is written in block style (one `term: sense` per line). */
  blockMap: boolean;
  /** Span of the `alignment-terms` key itself. */
  keySpan?: Span;
  /** A YAML or shape problem, positioned in the document. */
  problem?: { message: string; span: Span };
  /**
   * True when the front matter is not a YAML map (broken YAML, a list, a scalar): a
   * pin written into it could not be read, so no pin fix is offered.
   */
  unreadable?: boolean;
}

/** The key under which a draft pins senses. */
export const FRONT_MATTER_KEY = 'alignment-terms';

/** The last front matter read, and what it gave: the editor re-reads it on every keystroke. */
let lastRead: { key: string; info: FrontMatterInfo } | undefined;

/** Parses the front matter's pins. Never throws. The result is shared: treat it as read-only. */
export function readFrontMatter(frontMatter: FrontMatter | undefined): FrontMatterInfo {
  if (!frontMatter) return { pins: [], blockMap: true };
  const key = `${frontMatter.span.start}\u0000${frontMatter.yamlStart}\u0000${frontMatter.yaml}`;
  if (lastRead?.key !== key) lastRead = { key, info: parseFrontMatter(frontMatter) };
  return lastRead.info;
}

function parseFrontMatter(frontMatter: FrontMatter): FrontMatterInfo {
  const info: FrontMatterInfo = { pins: [], blockMap: true };
  const base = frontMatter.yamlStart;
  const doc = parseDocument(frontMatter.yaml, { uniqueKeys: false });
  const toSpan = (range: [number, number, number] | null | undefined): Span =>
    range ? { start: base + range[0], end: base + range[1] } : { start: frontMatter.span.start, end: frontMatter.span.start };
  if (doc.errors.length) {
    info.unreadable = true;
    if (frontMatter.yaml.includes(FRONT_MATTER_KEY)) {
      const e = doc.errors[0];
      info.problem = { message: `front matter is not valid YAML: ${e.message.split('\n')[0]}`, span: { start: base + e.pos[0], end: base + e.pos[1] } };
    }
    return info;
  }
  if (!isMap(doc.contents)) {
    info.unreadable = doc.contents !== null;
    return info;
  }
  const pair = doc.contents.items.find((p: Pair) => isScalar(p.key) && p.key.value === FRONT_MATTER_KEY);
  if (!pair) return info;
  info.keySpan = toSpan(isScalar(pair.key) ? pair.key.range : null);
  const value = pair.value;
  if (!isMap(value)) {
    info.problem = { message: `'${FRONT_MATTER_KEY}' in front matter must be a map of term id to sense id`, span: info.keySpan };
    return info;
  }
  info.mapSpan = toSpan(value.range);
  info.blockMap = !value.flow;
  for (const item of value.items) {
    if (!isScalar(item.key)) continue;
    const senseNode = isScalar(item.value) ? item.value : null;
    info.pins.push({
      term: String(item.key.value),
      sense: senseNode ? String(senseNode.value ?? '') : '',
      termSpan: toSpan(item.key.range),
      senseSpan: senseNode ? toSpan(senseNode.range) : toSpan(item.key.range),
    });
  }
  return info;
}
