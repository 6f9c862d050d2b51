/**
 * Markdown -> prose. The contract: paragraphs, headings, list items, block quotes,
 * table cells, link text and emphasis are prose; fenced or indented code, inline
 * code, URLs and link destinations, HTML, front matter (except its pins) and math
 * are never prose. Every exclusion has a test here, and every prose kind is scanned.
 */
import { describe, expect, it } from 'vitest';
import { check, run } from '../helpers/check';

describe('never prose', () => {
  it('fenced code, with backticks or tildes, and its info string', () => {
    check.none('```inner-alignment\nThe inner alignment of the mesa-optimizer.\n```\n\n~~~\nouter alignment\n~~~\n');
  });

  it('indented code', () => {
    check.none('Intro without terms.\n\n    inner alignment = objective_focused(mesa_optimizer)\n\tmesa-optimizer in a tab-indented block\n');
  });

  it('inline code, also when a term is split around it', () => {
    check.spans('Run `inner alignment --check` on ⟦outer alignment⟧; `inner` alignment is two halves.');
  });

  it('link destinations and link titles; the link text is prose', () => {
    check.spans('See [⟦mesa-optimizers⟧](https://example.com/inner-alignment "inner alignment") and [this](</inner alignment.md>).');
  });

  it('reference definitions, their URLs and titles', () => {
    check.spans('Read [the ⟦inner alignment⟧ post][ia].\n\n[ia]: https://example.com/outer-alignment "outer alignment"\n');
  });

  it('bare URLs, with or without a scheme', () => {
    check.none('See https://example.com/inner-alignment/mesa-optimizer and www.example.org/outer-alignment today.');
  });

  it('autolinks', () => {
    check.none('<https://example.com/inner-alignment> and <mailto:outer-alignment@example.com>');
  });

  it('HTML blocks', () => {
    check.none('<table>\n  <tr><td>inner alignment</td></tr>\n</table>\n\n<details><summary>outer alignment</summary>\n');
  });

  it('inline HTML attributes, while the text between inline tags is prose', () => {
    check.spans('The <abbr title="inner alignment">IA</abbr> and <span class="mesa-optimizer">⟦outer misalignment⟧</span> story.');
  });

  it('HTML comments, as blocks and inline', () => {
    check.none('<!-- inner alignment draft note -->\n\nA line <!-- outer alignment --> without terms.\n\n<!--\nmesa-optimizer\n-->\n');
  });

  it('front matter: YAML keys and values are not prose', () => {
    check.spans('---\ntitle: Inner alignment, explained\ntags: [outer alignment, mesa-optimizer]\n---\n\n# ⟦Inner alignment⟧, explained\n');
  });

  it('inline math: $...$', () => {
    check.spans('Let $\\text{inner alignment} = 1$ hold for the ⟦mesa-optimizer⟧.');
  });

  it('display math: $$...$$, inline and as a block', () => {
    check.none('Then $$\\text{outer alignment}$$ holds.\n\n$$\n\\text{inner alignment} \\Rightarrow \\text{objective robustness}\n$$\n');
  });

  it('"$5 and $10" is not math: the prose between the dollar signs is scanned', () => {
    check.spans('It costs $5 and $10 to fix ⟦inner alignment⟧ bugs, or $20.');
  });

  it('footnote labels, while the footnote text is prose', () => {
    check.spans('A claim.[^inner-alignment]\n\n[^inner-alignment]: ⟦Outer alignment⟧ is discussed here.\n');
  });

  it('images (alt text and address)', () => {
    check.none('![inner alignment diagram](figures/outer-alignment.png)');
  });
});

describe('prose kinds, each scanned', () => {
  it('paragraphs', () => {
    check.spans('One paragraph on ⟦inner alignment⟧.\n\nAnother on ⟦outer misalignment⟧.');
  });

  it('headings, ATX and setext', () => {
    const occurrences = check.spans('# ⟦Inner alignment⟧\n\n⟦Outer alignment⟧ again\n===\n');
    expect(run('# Inner alignment').doc.contexts[0].kind).toBe('heading');
    expect(occurrences).toHaveLength(2);
  });

  it('list items, bulleted, numbered and nested', () => {
    check.spans('- ⟦inner alignment⟧\n- item\n  1. ⟦mesa-optimizers⟧\n     - ⟦outer alignment⟧\n');
  });

  it('block quotes, also with a term broken across block-quote lines', () => {
    const [first, second] = check.spans('> The ⟦inner\n> alignment⟧ problem, and\n> ⟦outer misalignment⟧.');
    expect(first.text).toBe('inner alignment');
    expect(second.text).toBe('outer misalignment');
  });

  it('table cells', () => {
    check.spans('| term | note |\n|---|---|\n| ⟦inner alignment⟧ | about the ⟦mesa-objective⟧ |\n| `code` | ⟦outer alignment⟧ |\n');
  });

  it('link text, inline and by reference', () => {
    check.spans('[⟦Inner alignment⟧](https://example.com) and [⟦outer alignment⟧][ref].\n\n[ref]: https://example.com/x\n');
  });

  it('emphasis, also when it splits a term', () => {
    check.spans('*⟦inner alignment⟧*, **⟦outer alignment⟧**, *⟦inner* alignment⟧ and ⟦outer _misalignment⟧_.');
  });

  it('Markdown between <details> lines, separated by blank lines, is an ordinary paragraph', () => {
    check.spans('<details>\n\nThe ⟦mesa-optimizer⟧ case.\n\n</details>\n');
  });

  it('inline HTML tags inside a paragraph do not hide the text around them', () => {
    check.spans('Before<br>⟦inner alignment⟧<br/>after.');
  });

  it('escapes and entities keep offsets exact', () => {
    check.spans('\\*not emphasis\\* then ⟦inner alignment⟧ &amp; ⟦outer alignment⟧.');
  });
});
