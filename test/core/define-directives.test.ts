/**
 * The document's own definitions (each form, matched to a registry sense or
 * `custom`) and the directives in HTML comments (pin, disable/enable with and
 * without term ids, disable-next-line covering exactly one physical line).
 */
import { describe, expect, it } from 'vitest';
import { check, run } from '../helpers/check';

describe('definition forms', () => {
  it.each([
    ['"By X I mean ..."', 'By ⟦inner alignment⟧ I mean that a mesa-optimizer pursues a mesa-objective the base objective would accept.\n\nLater ⟦inner alignment⟧ use.'],
    ['a bold lead', '**⟦Inner alignment⟧.** We use it for a mesa-optimizer whose mesa-objective matches the base objective.\n\nLater ⟦inner alignment⟧ use.'],
    ['an em dash', '⟦Inner alignment⟧ — a mesa-optimizer whose mesa-objective matches the base objective.\n\nLater ⟦inner alignment⟧ use.'],
    ['a colon', '⟦Inner alignment⟧: a mesa-optimizer whose mesa-objective matches the base objective.\n\nLater ⟦inner alignment⟧ use.'],
    ['a definition list', '⟦Inner alignment⟧\n: a mesa-optimizer whose mesa-objective matches the base objective.\n\nLater ⟦inner alignment⟧ use.'],
    ['"I take X to (roughly) mean ..."', 'I take ⟦inner alignment⟧ to roughly mean that a mesa-optimizer pursues a mesa-objective the base objective would accept.\n\nLater ⟦inner alignment⟧ use.'],
    ['"We use X for ..."', 'We use ⟦inner misalignment⟧ for a mesa-optimizer whose mesa-objective differs from the base objective.\n\nLater ⟦inner alignment⟧ use.'],
    ['a list item of a glossary section', '## Glossary\n\n- **⟦Inner alignment⟧**: a mesa-optimizer whose mesa-objective matches the base objective.\n\nLater ⟦inner alignment⟧ use.'],
  ])('%s, matched to the registry sense its cues name', (_name, text) => {
    check.statuses(text, [
      { status: 'defined', sense: 'objective-focused', via: 'definition' },
      { status: 'defined', sense: 'objective-focused', via: 'definition' },
    ]);
  });

  it.each([
    ['generalization-focused', 'By inner misalignment I mean that a system competently pursues the wrong goal after deployment, in a new environment.'],
    ['optimization-focused', 'By inner misalignment I mean misalignment visible on the training distribution, which more optimization would have removed.'],
    ['inductive-bias-focused', 'By inner misalignment I mean failures caused by inductive biases, where no change to the rewards would have helped.'],
  ])('a definition matching %s', (sense, definition) => {
    check.status(`${definition}\n\nThen ⟦inner misalignment⟧ again.`, { status: 'defined', sense });
  });

  it.each([
    ['objective-function', 'By outer alignment I mean that the optimal policy under perfect training and unlimited data would still be what we want.'],
    ['reward-misspecification', 'By outer misalignment I mean competent, undesirable behaviour that gets high reward under the reward actually used.'],
    ['training-signal', 'By outer misalignment I mean failures that are fixable by changing the training rewards or labels.'],
  ])('an outer alignment definition matching %s', (sense, definition) => {
    check.status(`${definition}\n\nThen ⟦outer alignment⟧ again.`, { status: 'defined', sense });
  });

  it('a definition that matches no registry sense is custom', () => {
    check.status('By inner alignment I mean that each team wants what the company wants.\n\nThen ⟦inner alignment⟧ again.', { status: 'defined', sense: 'custom' });
  });

  it('a settled term defined in a glossary is defined / default', () => {
    check.status('Base optimizer — the outer process, such as gradient descent, that selects the model.\n\nThe ⟦base optimizer⟧ ran.', { status: 'defined', sense: 'default' });
  });

  it('a heading or a table row does not define a term', () => {
    check.statuses('# ⟦Inner alignment⟧: a mesa-optimizer whose mesa-objective matches\n\n| ⟦Inner alignment⟧: a mesa-optimizer whose goal matches | x |\n|---|---|\n\nThen ⟦inner alignment⟧.', [
      { status: 'ambiguous' },
      { status: 'ambiguous' },
      { status: 'ambiguous' },
    ]);
  });

  it('"I take X to be ..." is a claim, not a definition', () => {
    check.status('I take ⟦inner alignment⟧ to be the harder problem.', { status: 'ambiguous' });
  });

  it('a mere use followed by a colon in running text is not a definition', () => {
    check.status('Here is the worry about ⟦inner alignment⟧: it may fail.', { status: 'ambiguous' });
  });
});

describe('directives', () => {
  it('disable without a term id covers every term, settled ones included, until enable', () => {
    check.statuses(
      '<!-- alignment-terms-disable -->\n\n⟦Inner alignment⟧, a ⟦mesa-optimizer⟧ and ⟦outer alignment⟧.\n\n<!-- alignment-terms-enable -->\n\n⟦Inner alignment⟧ and a ⟦mesa-optimizer⟧.',
      [{ status: 'ignored' }, { status: 'ignored' }, { status: 'ignored' }, { status: 'ambiguous' }, { status: 'settled' }],
    );
  });

  it('disable with a term id covers only that term', () => {
    check.statuses(
      '<!-- alignment-terms-disable inner-alignment -->\n\n⟦Inner alignment⟧ and ⟦outer alignment⟧.\n\n<!-- alignment-terms-enable inner-alignment -->\n\n⟦Inner alignment⟧.',
      [{ status: 'ignored' }, { status: 'ambiguous' }, { status: 'ambiguous' }],
    );
  });

  it('disable with several term ids, and a settled term id', () => {
    check.statuses('<!-- alignment-terms-disable inner-alignment mesa-optimizer -->\n\n⟦Inner alignment⟧, ⟦outer alignment⟧, ⟦mesa-optimizers⟧, ⟦base objective⟧.', [
      { status: 'ignored' },
      { status: 'ambiguous' },
      { status: 'ignored' },
      { status: 'settled' },
    ]);
  });

  it('enable of one term ends only that term\'s disable', () => {
    check.statuses(
      '<!-- alignment-terms-disable -->\n\n<!-- alignment-terms-enable outer-alignment -->\n\n⟦Inner alignment⟧ and ⟦outer alignment⟧.',
      [{ status: 'ignored' }, { status: 'ambiguous' }],
    );
  });

  it('disable and enable inline, inside one paragraph', () => {
    check.statuses('Before ⟦inner alignment⟧ <!-- alignment-terms-disable --> ⟦inner alignment⟧ <!-- alignment-terms-enable --> ⟦inner alignment⟧.', [
      { status: 'ambiguous' },
      { status: 'ignored' },
      { status: 'ambiguous' },
    ]);
  });

  it('disable-next-line covers exactly the next physical line, even inside a paragraph', () => {
    check.statuses(
      '<!-- alignment-terms-disable-next-line -->\n⟦Inner alignment⟧ and a ⟦mesa-optimizer⟧ on this line,\n⟦outer alignment⟧ on the next line of the same paragraph.',
      [{ status: 'ignored' }, { status: 'ignored' }, { status: 'ambiguous' }],
    );
  });

  it('disable-next-line at the end of a line covers the line after it, not its own line', () => {
    check.statuses('Text ⟦inner alignment⟧ <!-- alignment-terms-disable-next-line -->\n⟦Inner alignment⟧ here.\n⟦Inner alignment⟧ after.', [
      { status: 'ambiguous' },
      { status: 'ignored' },
      { status: 'ambiguous' },
    ]);
  });

  it('disable-next-line with a term id covers only that term on the line', () => {
    check.statuses('<!-- alignment-terms-disable-next-line outer-alignment -->\n⟦Inner alignment⟧ and ⟦outer alignment⟧.', [{ status: 'ambiguous' }, { status: 'ignored' }]);
  });

  it('disable-next-line with CRLF line breaks', () => {
    check.statuses('<!-- alignment-terms-disable-next-line -->\r\n⟦Inner alignment⟧ here,\r\n⟦inner alignment⟧ there.', [{ status: 'ignored' }, { status: 'ambiguous' }]);
  });

  it('a pin directive pins only the named term, from the directive on', () => {
    check.statuses('⟦Inner alignment⟧.\n\n<!-- alignment-terms pin inner-alignment=objective-focused -->\n\n⟦Inner alignment⟧ and ⟦outer alignment⟧.', [
      { status: 'ambiguous' },
      { status: 'pinned', sense: 'objective-focused', via: 'directive' },
      { status: 'ambiguous' },
    ]);
  });

  it('directives in code are code', () => {
    check.status('```\n<!-- alignment-terms-disable -->\n```\n\n⟦Inner alignment⟧.', { status: 'ambiguous' });
    check.status('`<!-- alignment-terms-disable-next-line -->`\n⟦Inner alignment⟧.', { status: 'ambiguous' });
  });

  it('the terms inside a directive comment are not occurrences', () => {
    expect(run('<!-- alignment-terms pin inner-alignment=objective-focused -->').occurrences).toEqual([]);
  });
});
