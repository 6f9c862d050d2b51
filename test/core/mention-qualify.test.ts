/**
 * Mentions (the term talked about, not used) and qualifiers (this occurrence
 * carries its sense), each form the contract and LABELING.md list, and the
 * look-alikes that are neither.
 */
import { describe, it } from 'vitest';
import { check } from '../helpers/check';

describe('mention', () => {
  it.each([
    ['straight double quotes', 'We stopped writing "⟦inner alignment⟧" in titles.'],
    ['curly double quotes', 'We stopped writing \u201c⟦inner alignment⟧\u201d in titles.'],
    ['single quotes', "We stopped writing '⟦inner alignment⟧' in titles."],
    ['curly single quotes', 'We stopped writing \u2018⟦inner alignment⟧\u2019 in titles.'],
    ['a quoted example sentence', 'Before: "The model shows ⟦inner misalignment⟧ here." After: something clearer.'],
    ['a quoted post title', 'Read "Clarifying ⟦inner alignment⟧ terminology" first.'],
    ['"the term X"', 'The term ⟦inner alignment⟧ dates from 2019.'],
    ['"the phrase X"', 'Avoid the phrase ⟦outer misalignment⟧ in abstracts.'],
    ['"definitions of X"', 'There are many definitions of ⟦inner alignment⟧.'],
    ['"his definition of X" (an attribution, but mention comes first)', "Wentworth's definition of ⟦outer alignment⟧ is broad."],
    ['"what X means"', 'Nobody agreed on what ⟦inner alignment⟧ means.'],
    ['"describes X four ways"', 'The post describes ⟦inner alignment⟧ four ways.'],
    ['a source title written out without quotes', "Evan Hubinger\u2019s post clarifying ⟦inner alignment⟧ terminology is short."],
    ['"the terms of X"', 'We file problems under the terms of ⟦inner alignment⟧ here.'],
    ['a settled term in quotes', 'Spell it "⟦mesa-optimizer⟧" with a hyphen.'],
    ['advice about which word to write, in quotes', 'Write "goal misgeneralization" instead of "⟦inner misalignment⟧".'],
  ])('%s', (_name, text) => {
    check.status(text, { status: 'mention', sense: null, likelySense: null });
  });

  it('a quotation inside a quotation: the outer one still holds after the inner one closes', () => {
    check.statuses('He wrote: \u201cthe \u201cwaste\u201d of ⟦inner alignment⟧ and ⟦outer alignment⟧.\u201d Then ⟦inner alignment⟧ again.', [
      { status: 'mention' },
      { status: 'mention' },
      { status: 'ambiguous' },
    ]);
  });

  it('a quotation that runs over two paragraphs (opened in one, closed in the next)', () => {
    check.statuses('\u201cThe first paragraph quotes ⟦outer alignment⟧.\n\nThe second ends the quote on ⟦inner alignment⟧.\u201d\n\nThen ⟦inner alignment⟧ as a use.', [
      { status: 'mention' },
      { status: 'mention' },
      { status: 'ambiguous' },
    ]);
    check.statuses('"Straight quotes run on with ⟦outer alignment⟧.\n\nAnd close on ⟦inner alignment⟧."', [{ status: 'mention' }, { status: 'mention' }]);
  });

  it('an opening mark typed where the closing one belongs still closes the quotation', () => {
    check.statuses('In \u201cOn ⟦inner alignment⟧\u201c, the writer uses ⟦inner alignment⟧ loosely.', [{ status: 'mention' }, { status: 'ambiguous' }]);
  });

  it('low-high quotation marks', () => {
    check.status('The label \u201e⟦inner alignment⟧\u201d is quoted.', { status: 'mention' });
  });

  it('a stray opening mark in the middle of a paragraph does not quote the rest of it', () => {
    check.status('He said \u201cmaybe, and then ⟦inner alignment⟧ failed.', { status: 'ambiguous' });
  });

  it('both members of an elided coordination after "the terms of"', () => {
    check.statuses('Under the terms of ⟦inner⟧ and ⟦outer alignment⟧ we file different problems.', [{ status: 'mention' }, { status: 'mention' }]);
  });

  it('"in terms of X" is a use', () => {
    check.status('In terms of ⟦inner alignment⟧, the model fails.', { status: 'ambiguous' });
  });

  it('the words of a source title used in a sentence of their own are a use', () => {
    check.status('Clarifying ⟦inner alignment⟧ is hard.', { status: 'ambiguous' });
  });

  it('both members of a coordination after "the terms"', () => {
    check.statuses('Under the terms ⟦inner alignment⟧ and ⟦outer alignment⟧ we file different problems.', [{ status: 'mention' }, { status: 'mention' }]);
  });

  it('in a passage comparing definitions, "X is about ..." and "X covers ..." give meanings', () => {
    check.statuses(
      'Objective-focused and generalization-focused readings differ. ⟦Inner alignment⟧ is about the mesa-objective in one reading. ⟦Inner alignment⟧ covers any behavioural failure in the other.',
      [{ status: 'mention' }, { status: 'mention' }],
    );
  });

  it('outside a comparison of definitions, "X is about ..." is a use', () => {
    check.status('⟦Inner alignment⟧ is about making the model safe.', { status: 'ambiguous' });
  });

  it.each([
    ['italics', 'We call this *⟦inner alignment⟧*.'],
    ['a block quote', '> ⟦Inner alignment⟧ is hard.'],
    ['an apostrophe', "The field's ⟦inner alignment⟧ agenda and the teams' ⟦outer alignment⟧ work."],
  ])('not a mention: %s', (_name, text) => {
    const { spans } = { spans: text.split('\u27e6').length - 1 };
    check.statuses(text, Array.from({ length: spans }, () => ({ status: 'ambiguous' as const })));
  });
});

describe('qualified: a registry sense name next to it (via qualifier)', () => {
  it.each([
    ['label before', 'We saw objective-focused ⟦inner alignment⟧ fail.', 'objective-focused'],
    ['label before, without hyphen', 'We saw generalization focused ⟦inner misalignment⟧.', 'generalization-focused'],
    ['label in parentheses after', 'We saw ⟦outer misalignment⟧ (training-signal) again.', 'training-signal'],
    ['"in the X sense"', 'We saw ⟦inner alignment⟧ in the objective-focused sense.', 'objective-focused'],
    ['label after the use with "going by"', 'I would consider this an ⟦inner alignment⟧ failure going by the objective-focused approach.', 'objective-focused'],
    ['label in a table cell', '| case | verdict |\n|---|---|\n| maze | ⟦inner misalignment⟧ (optimization-focused) |', 'optimization-focused'],
    ['label before an outer-alignment sense', 'A reward-misspecification ⟦outer misalignment⟧.', 'reward-misspecification'],
  ])('%s', (_name, text, sense) => {
    check.status(text, { status: 'qualified', sense, via: 'qualifier' });
  });

  it('a sense named later in the clause, tied by a preposition, settles every use before it', () => {
    check.statuses('We classify it as ⟦inner aligned⟧ in Example 3 and as ⟦inner misaligned⟧ in Example 4 using the same optimization-focused approach.', [
      { status: 'qualified', sense: 'optimization-focused', via: 'qualifier' },
      { status: 'qualified', sense: 'optimization-focused', via: 'qualifier' },
    ]);
  });

  it.each([
    ['past a comma', 'We call it ⟦inner aligned⟧ in Example 3, and it fails under the optimization-focused approach.'],
    ['past "but"', 'We call it ⟦inner aligned⟧ here but not under the optimization-focused approach.'],
    ['past another term, which the name may belong to', 'We call it ⟦inner aligned⟧ and outer aligned under the objective-focused approach.'],
    ['in the next sentence', 'We call it ⟦inner aligned⟧ here. Under the optimization-focused approach it is not.'],
    ['a later name without a tying word', 'We call it ⟦inner aligned⟧ and the optimization-focused approach disagrees.'],
  ])('a later sense name does not settle a use %s', (_name, text) => {
    check.status(text, { status: 'ambiguous', sense: null });
  });
});

describe('qualified: an attribution tied to it (via attribution)', () => {
  it.each([
    ['"in Shah\'s sense"', "The robot failed at ⟦inner alignment⟧ in Shah's sense.", 'generalization-focused'],
    ['"by Wentworth\'s definition"', "It is ⟦outer misalignment⟧ by Wentworth's definition.", 'generalization-inclusive'],
    ['"what Wentworth calls X"', 'This is what Wentworth calls ⟦inner misalignment⟧.', 'optimization-focused'],
    ['"Hubinger-style X"', 'Hubinger-style ⟦inner alignment⟧ needs a model that searches.', 'objective-focused'],
    ['"in the sense of the 2019 paper"', 'It fails ⟦inner alignment⟧ in the sense of the 2019 paper.', 'objective-focused'],
    ['"as in Wentworth\'s decomposition"', "This counts as ⟦outer misalignment⟧, as in Wentworth's decomposition.", 'generalization-inclusive'],
    ['"under Shah\'s usage" earlier in the clause', "Under Shah's usage, case 1 would count as ⟦inner misalignment⟧.", 'generalization-focused'],
    ['"(Hubinger 2020)" in parentheses', 'It lacks ⟦inner alignment⟧ (Hubinger 2020) entirely.', 'objective-focused'],
    ['Ngo by framing: "Ngo\'s first framing"', "It is ⟦outer misalignment⟧ in Ngo's first framing.", 'reward-misspecification'],
    ['Ngo by framing: "Ngo\'s framing 2" (outer)', "It is ⟦outer misalignment⟧ under Ngo's framing 2.", 'training-signal'],
    ['Ngo by framing: "framing 2" (inner)', 'It is ⟦inner misalignment⟧ under framing 2.', 'inductive-bias-focused'],
    ['a source as the subject of a classifying verb', 'Wentworth considers ⟦inner alignment⟧ failure possible only on the training distribution.', 'optimization-focused'],
    ['"what Wentworth describes as X"', 'The case that Wentworth describes as true ⟦inner alignment⟧ failure.', 'optimization-focused'],
    ['a sense as the subject: "proponents of the X approach would consider this an X"', 'Proponents of the generalization-focused approach would also consider this an ⟦inner alignment⟧ failure.', 'generalization-focused'],
    ['"Shah\'s approach would call ... an X"', "Shah's approach would call a pure capability problem an ⟦inner alignment⟧ failure.", 'generalization-focused'],
    ['a definition the use sits under', 'Rohin Shah has endorsed a definition under which ⟦inner alignment⟧ includes capability failures.', 'generalization-focused'],
    ['a source reporting the claim: "Wentworth argues, ..."', 'Thus, Wentworth argues, birth control is a generalization rather than an ⟦inner alignment⟧ failure.', 'optimization-focused'],
    ['"Wentworth\'s post argues that X"', "Wentworth's post argues that this is ⟦outer misalignment⟧.", 'generalization-inclusive'],
    ['"To Wentworth, ..."', 'To Wentworth, this makes it something else than an ⟦inner alignment⟧ problem.', 'optimization-focused'],
  ])('%s', (_name, text, sense) => {
    check.status(text, { status: 'qualified', sense, via: 'attribution' });
  });
});

describe('qualified: link text whose destination is a one-sense source (via link)', () => {
  it.each([
    ['Hubinger 2020', 'https://www.alignmentforum.org/posts/SzecSPYxqRa5GCaSF/clarifying-inner-alignment-terminology', 'inner', 'objective-focused'],
    ['Hubinger 2020 on LessWrong', 'https://www.lesswrong.com/posts/SzecSPYxqRa5GCaSF/clarifying-inner-alignment-terminology', 'inner', 'objective-focused'],
    ['Hubinger 2020 on GreaterWrong', 'https://www.greaterwrong.com/posts/SzecSPYxqRa5GCaSF', 'outer', 'objective-function'],
    ['Risks from Learned Optimization', 'https://arxiv.org/abs/1906.01820', 'inner', 'objective-focused'],
    ['Risks from Learned Optimization, PDF of a version', 'https://arxiv.org/pdf/1906.01820v3', 'outer', 'objective-function'],
    ['Wentworth 2020', 'https://www.alignmentforum.org/posts/HYERofGZE6j9Tuigi/inner-alignment-failures-which-are-actually-outer-alignment', 'inner', 'optimization-focused'],
    ['Wentworth 2020 on LessWrong', 'https://lesswrong.com/posts/HYERofGZE6j9Tuigi', 'outer', 'generalization-inclusive'],
    ['Langosco et al.', 'https://arxiv.org/abs/2105.14111', 'inner', 'generalization-focused'],
    ['Langosco et al., PDF', 'https://arxiv.org/pdf/2105.14111.pdf', 'inner', 'generalization-focused'],
  ])('%s', (_name, url, which, sense) => {
    check.status(`See [⟦${which} alignment⟧](${url}) for this.`, { status: 'qualified', sense, via: 'link' });
  });

  it('by a reference link', () => {
    check.status('See [⟦inner alignment⟧][rlo].\n\n[rlo]: https://arxiv.org/abs/1906.01820\n', { status: 'qualified', sense: 'objective-focused', via: 'link' });
  });

  it('by the link the use sits in, among several in its paragraph', () => {
    const text = 'Compare [a reading list](https://example.com/list), [⟦inner alignment⟧](https://arxiv.org/abs/2105.14111) and [another](https://arxiv.org/abs/1906.01820).';
    check.status(text, { status: 'qualified', sense: 'generalization-focused', via: 'link' });
  });

  it.each([
    ['a source with no outer-alignment sense (Langosco et al.)', 'https://arxiv.org/abs/2105.14111', 'outer'],
    ['a LessWrong tag page', 'https://www.lesswrong.com/tag/inner-alignment', 'inner'],
    ["Ngo's three-framings post (two senses of each term)", 'https://www.alignmentforum.org/posts/poyshiMEhJsAuifKt/outer-vs-inner-misalignment-three-framings-1', 'outer'],
    ['an unrelated page', 'https://example.com/reading-list', 'inner'],
  ])('not a qualifier: a link to %s', (_name, url, which) => {
    check.status(`See [⟦${which} alignment⟧](${url}) for this.`, { status: 'ambiguous' });
  });
});

describe('not qualifiers', () => {
  it.each([
    ['anaphora: "in this sense"', 'In this sense, ⟦inner alignment⟧ failed.'],
    ['anaphora: "on this view"', 'On this view, ⟦inner alignment⟧ failed.'],
    ['anaphora: "in that strict sense"', '⟦Inner alignment⟧ in that strict sense failed.'],
    ['a name that is not a registry sense', 'In our house usage, ⟦inner alignment⟧ failed.'],
    ['a person who is not a source', "In my friend's sense, ⟦inner alignment⟧ failed."],
    ['the seminar convenor', "By the convenor's definition, ⟦outer alignment⟧ failed."],
    ['an attribution in another sentence', "Shah's sense is broad. ⟦Inner alignment⟧ failed here."],
    ['Ngo by name only (his post gives two senses)', "⟦Outer misalignment⟧ in Ngo's sense."],
    ['Ngo reporting a claim', 'Ngo argues that this is ⟦outer misalignment⟧.'],
    ['a person who is not a source, as the subject', 'My friend considers this an ⟦inner alignment⟧ failure.'],
    ['a source in another clause, past a comma', 'Wentworth considers the model, and ⟦inner alignment⟧ fails.'],
    ['a source reporting, past a clause break', 'Hubinger argues for it; but ⟦inner alignment⟧ fails.'],
    ['"all parties consider" (no source named)', 'All parties of the discussion consider this system ⟦inner aligned⟧.'],
  ])('%s', (_name, text) => {
    check.status(text, { status: 'ambiguous', sense: null });
  });

  it('a heading that names a source does not qualify the section below it', () => {
    check.statuses("## ⟦Inner alignment⟧ in Shah's sense\n\n⟦Inner alignment⟧ failed here.", [
      { status: 'qualified', sense: 'generalization-focused' },
      { status: 'ambiguous' },
    ]);
  });
});
