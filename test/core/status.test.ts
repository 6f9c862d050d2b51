/**
 * Resolve: every status of the contract, and the order in which they win
 * (ignored, mention, qualified, defined, pinned, settled, ambiguous). A section pin
 * beats a definition; a definition beats the front matter and house pins.
 */
import { describe, expect, it } from 'vitest';
import { check, run } from '../helpers/check';
import { houseRegistry } from '../helpers/registry';

const FRONT_MATTER_PIN = '---\ntitle: Draft\nalignment-terms:\n  inner-alignment: objective-focused\n---\n\n';

describe('each status', () => {
  it('ignored: a disable directive covers it', () => {
    check.status('<!-- alignment-terms-disable -->\n\nThe ⟦inner alignment⟧ case.', { status: 'ignored', sense: null, likelySense: null, via: null });
  });

  it('ignored: the house config ignore list covers the file (the CLI skips it; see test/cli)', () => {
    // `ignore` globs name files, so they are applied by the faces, not per occurrence.
    expect(houseRegistry('extends: recommended\nignore: ["archive/**"]\n').ignore.map((i) => i.glob)).toEqual(['archive/**']);
  });

  it('mention: talked about, not used', () => {
    check.status('The term ⟦inner alignment⟧ is older than this post.', { status: 'mention', sense: null, via: null });
  });

  it('qualified: a sense name next to it', () => {
    check.status('This is objective-focused ⟦inner alignment⟧.', { status: 'qualified', sense: 'objective-focused', via: 'qualifier' });
  });

  it('defined: the document defines the term', () => {
    check.status('By inner alignment I mean that the mesa-optimizer pursues the base objective.\n\nHere ⟦inner alignment⟧ failed.', {
      status: 'defined',
      sense: 'objective-focused',
      via: 'definition',
    });
  });

  it('pinned: front matter', () => {
    check.status(`${FRONT_MATTER_PIN}The ⟦inner alignment⟧ case.`, { status: 'pinned', sense: 'objective-focused', via: 'frontmatter' });
  });

  it('pinned: a section directive', () => {
    check.status('<!-- alignment-terms pin inner-alignment=optimization-focused -->\n\nThe ⟦inner alignment⟧ case.', {
      status: 'pinned',
      sense: 'optimization-focused',
      via: 'directive',
    });
  });

  it('pinned: the house config', () => {
    const registry = houseRegistry('extends: recommended\npin:\n  outer-alignment: training-signal\n');
    check.status('The ⟦outer alignment⟧ case.', { status: 'pinned', sense: 'training-signal', via: 'config' }, registry);
  });

  it('settled: a term with one sense, sense "default"', () => {
    check.status('The ⟦mesa-optimizer⟧ case.', { status: 'settled', sense: 'default', likelySense: null, via: null });
  });

  it('ambiguous: none of the above, even where a reader could guess the sense', () => {
    check.status('The ⟦inner alignment⟧ of the mesa-optimizer failed.', { status: 'ambiguous', sense: null, via: null, likelySense: 'objective-focused' });
  });
});

describe('precedence: the first rule that applies wins', () => {
  it('ignored beats mention: quotes inside a disabled region', () => {
    check.status('<!-- alignment-terms-disable inner-alignment -->\n\nWe avoid "⟦inner alignment⟧".', { status: 'ignored' });
  });

  it('mention beats qualified: "Hubinger\'s definition of inner alignment"', () => {
    check.status("Hubinger's definition of ⟦inner alignment⟧ needs a mesa-optimizer.", { status: 'mention', sense: null });
  });

  it('mention beats qualified: a quoted, qualified phrase', () => {
    check.status('He wrote "objective-focused ⟦inner alignment⟧" twice.', { status: 'mention' });
  });

  it('qualified beats defined', () => {
    check.statuses('By inner alignment I mean that our team hits its quarterly goals.\n\nThis is not ⟦inner alignment⟧ in Shah\'s sense, but it is ⟦inner alignment⟧.', [
      { status: 'qualified', sense: 'generalization-focused', via: 'attribution' },
      { status: 'defined', sense: 'custom', via: 'definition' },
    ]);
  });

  it('a section pin beats a definition', () => {
    check.statuses(
      'By inner alignment I mean that our team hits its quarterly goals.\n\n⟦Inner alignment⟧ here.\n\n<!-- alignment-terms pin inner-alignment=generalization-focused -->\n\n⟦Inner alignment⟧ there.',
      [
        { status: 'defined', sense: 'custom' },
        { status: 'pinned', sense: 'generalization-focused', via: 'directive' },
      ],
    );
  });

  it('a definition beats the front matter pin', () => {
    check.status(`${FRONT_MATTER_PIN}By inner alignment I mean that our team hits its quarterly goals.\n\nThen ⟦inner alignment⟧ again.`, {
      status: 'defined',
      sense: 'custom',
      via: 'definition',
    });
  });

  it('a definition beats the house pin', () => {
    const registry = houseRegistry('extends: recommended\npin:\n  inner-alignment: objective-focused\n');
    check.status('By inner alignment I mean that our team hits its quarterly goals.\n\nThen ⟦inner alignment⟧ again.', { status: 'defined', sense: 'custom' }, registry);
  });

  it('a section pin beats the front matter pin, which beats the house pin', () => {
    const registry = houseRegistry('extends: recommended\npin:\n  inner-alignment: objective-focused\n  outer-alignment: training-signal\n');
    const text = '---\nalignment-terms:\n  inner-alignment: optimization-focused\n---\n\n⟦Inner alignment⟧ and ⟦outer alignment⟧.\n\n<!-- alignment-terms pin inner-alignment=generalization-focused -->\n\n⟦Inner alignment⟧.';
    check.statuses(
      text,
      [
        { sense: 'optimization-focused', via: 'frontmatter' },
        { sense: 'training-signal', via: 'config' },
        { sense: 'generalization-focused', via: 'directive' },
      ],
      registry,
    );
  });

  it('settled terms ignore pins but are still ignored, mentioned and defined', () => {
    check.statuses(
      'Base optimizer — the outer process, such as gradient descent, that selects the model.\n\nThe ⟦base optimizer⟧ and the "⟦mesa-optimizer⟧" and the ⟦mesa-optimizer⟧.\n\n<!-- alignment-terms-disable mesa-optimizer -->\n\nA ⟦mesa-optimizer⟧.',
      [{ status: 'defined', sense: 'default' }, { status: 'mention' }, { status: 'settled', sense: 'default' }, { status: 'ignored' }],
    );
  });
});

describe('definitions and pins cover the right occurrences', () => {
  it('a definition covers every later use of its term, in other paragraphs too', () => {
    check.statuses('By outer alignment I mean that the reward function is exactly what we want.\n\n- ⟦outer misalignment⟧ in a list\n\n# ⟦Outer alignment⟧ as a heading\n\nAnd ⟦outer aligned⟧ systems.', [
      { status: 'defined' },
      { status: 'defined' },
      { status: 'defined' },
    ]);
  });

  it('a definition covers only its own term', () => {
    check.status('By outer alignment I mean that the reward function is exactly what we want.\n\nThen ⟦inner alignment⟧.', { status: 'ambiguous' });
  });

  it('the front matter pin covers the whole document and only the named term', () => {
    check.statuses(`${FRONT_MATTER_PIN}# ⟦Inner alignment⟧\n\n⟦Outer alignment⟧ and ⟦inner misalignment⟧.`, [
      { status: 'pinned', sense: 'objective-focused' },
      { status: 'ambiguous' },
      { status: 'pinned', sense: 'objective-focused' },
    ]);
  });

  it('a pin directive holds from the directive to the next pin of that term', () => {
    check.statuses(
      [
        '⟦Inner alignment⟧ before any pin.',
        '<!-- alignment-terms pin inner-alignment=generalization-focused -->',
        '⟦Inner alignment⟧ and ⟦outer alignment⟧ in section one.',
        '<!-- alignment-terms pin outer-alignment=reward-misspecification -->',
        '⟦Inner alignment⟧ still generalization-focused; ⟦outer alignment⟧ now pinned.',
        '<!-- alignment-terms pin inner-alignment=optimization-focused -->',
        '⟦Inner alignment⟧ in section three.',
      ].join('\n\n'),
      [
        { status: 'ambiguous' },
        { status: 'pinned', sense: 'generalization-focused', via: 'directive' },
        { status: 'ambiguous' },
        { status: 'pinned', sense: 'generalization-focused' },
        { status: 'pinned', sense: 'reward-misspecification' },
        { status: 'pinned', sense: 'optimization-focused' },
      ],
    );
  });

  it('a pin directive inside a paragraph holds from where it stands', () => {
    check.statuses('⟦Inner alignment⟧ first <!-- alignment-terms pin inner-alignment=objective-focused --> then ⟦inner alignment⟧.', [
      { status: 'ambiguous' },
      { status: 'pinned', sense: 'objective-focused' },
    ]);
  });

  it('a pin shown in a code block is code, not a pin', () => {
    check.status('```yaml\nalignment-terms:\n  inner-alignment: objective-focused\n```\n\n```md\n<!-- alignment-terms pin inner-alignment=objective-focused -->\n```\n\n⟦Inner alignment⟧.', {
      status: 'ambiguous',
    });
  });

  it('a front matter pin of an unknown sense pins nothing', () => {
    check.status('---\nalignment-terms:\n  inner-alignment: objective-focussed\n---\n\n⟦Inner alignment⟧.', { status: 'ambiguous' });
  });

  it('front matter in flow style pins too', () => {
    check.status('---\nalignment-terms: { inner-alignment: generalization-focused }\n---\n\n⟦Inner alignment⟧.', { status: 'pinned', sense: 'generalization-focused' });
  });

  it('a YAML block that is not the first thing in the file is not front matter', () => {
    const analysis = run('Intro.\n\n---\nalignment-terms:\n  inner-alignment: objective-focused\n---\n\nInner alignment.');
    expect(analysis.occurrences.find((o) => o.text === 'Inner alignment')?.status).toBe('ambiguous');
  });
});
