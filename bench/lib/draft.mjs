/**
 * Writes one realistic Markdown draft from the seed essays' text: front matter
 * (sometimes with an alignment-terms pin map), headings, paragraphs, lists, block
 * quotes, fenced and indented code, inline code, inline and reference links to the
 * sources, tables, footnotes, directives, and the spelling variants writers use
 * (mesa-optimiser, inner-aligned, goal misgeneralisation, terms broken across lines).
 * Every choice comes from the seeded random source, so a draft is reproducible.
 */

/** Source addresses the registry knows, plus some it does not (they must stay prose-neutral). */
const LINKS = [
  { text: 'Hubinger 2020', url: 'https://www.alignmentforum.org/posts/SzecSPYxqRa5GCaSF/clarifying-inner-alignment-terminology', label: 'hubinger' },
  { text: 'Risks from Learned Optimization', url: 'https://arxiv.org/abs/1906.01820', label: 'rlo' },
  { text: 'Wentworth', url: 'https://www.alignmentforum.org/posts/HYERofGZE6j9Tuigi/inner-alignment-failures-which-are-actually-outer-alignment', label: 'wentworth' },
  { text: 'Langosco et al.', url: 'https://arxiv.org/abs/2105.14111', label: 'langosco' },
  { text: 'Shah et al.', url: 'https://arxiv.org/abs/2210.01178', label: 'shah' },
  { text: 'the tag page', url: 'https://www.lesswrong.com/tag/inner-alignment', label: 'tag' },
  { text: 'our notes', url: 'https://example.org/notes/reading-group?week=9#inner-alignment', label: 'notes' },
];

const PIN_CHOICES = [
  ['inner-alignment', 'objective-focused'],
  ['inner-alignment', 'generalization-focused'],
  ['inner-alignment', 'optimization-focused'],
  ['outer-alignment', 'objective-function'],
  ['outer-alignment', 'reward-misspecification'],
  ['outer-alignment', 'training-signal'],
];

/** Rewrites writers really use; each paragraph may get one family of them. */
const VARIANTS = [
  [/mesa-optimiz/g, 'mesa-optimis'],
  [/mesa-optimizer/g, 'mesa optimizer'],
  [/mesa-optimizer/g, 'mesaoptimizer'],
  [/inner aligned/g, 'inner-aligned'],
  [/outer aligned/g, 'outer-aligned'],
  [/inner alignment/gi, 'inner-alignment'],
  [/goal misgeneralization/gi, 'goal misgeneralisation'],
  [/misgeneraliz/g, 'misgeneralis'],
  [/behavioral/g, 'behavioural'],
  [/behavior/g, 'behaviour'],
  [/optimiz/g, 'optimis'],
  [/Inner alignment/g, 'Inner Alignment'],
];

const CODE_SNIPPETS = [
  ['python', ['def inner_alignment_gap(policy, env):', '    """Inner alignment check: compare the mesa-objective with the base objective."""', '    rewards = [env.step(policy(obs)) for obs in env.reset_batch(64)]', '    return sum(rewards) / len(rewards)  # outer alignment is assumed here']],
  ['yaml', ['alignment-terms:', '  inner-alignment: objective-focused', 'experiment:', '  name: coinrun-goal-misgeneralization', '  seeds: [1, 2, 3]']],
  ['bash', ['# reproduce the inner alignment failure', 'python train.py --env coinrun --steps 25e6', 'python eval.py --shift coin-position --out results/inner-misalignment.csv']],
  ['text', ['base optimizer  -> mesa-optimizer', 'base objective  -> mesa-objective', 'outer alignment  |  inner alignment']],
  ['json', ['{ "term": "inner alignment", "sense": "generalization-focused", "source": "https://arxiv.org/abs/2105.14111" }']],
];

const INLINE_CODE = ['`reward_fn`', '`policy.act(obs)`', '`mesa_objective`', '`--shift coin-position`', '`loss.backward()`', '`inner_alignment = True`'];

const DIRECTIVES = [
  '<!-- alignment-terms-disable-next-line -->',
  '<!-- alignment-terms pin inner-alignment=generalization-focused -->',
  '<!-- alignment-terms pin outer-alignment=training-signal -->',
  '<!-- markdownlint-disable MD013 -->',
];

/**
 * Returns one draft of about `targetChars` characters. `pool` holds the seed text
 * ({ paragraphs, sentences, headings }), `rnd` a random source from prng.mjs.
 */
export function writeDraft(pool, rnd, targetChars, title) {
  const ctx = { refs: new Set(), footnotes: [] };
  const out = [frontMatter(rnd, title), `# ${title}`, ''];
  let length = out.join('\n').length;
  const push = (block) => {
    out.push(block, '');
    length += block.length + 2;
  };
  push(paragraph(pool, rnd, ctx));
  while (length < targetChars) {
    push(`${rnd.chance(0.8) ? '##' : '###'} ${heading(pool, rnd)}`);
    const blocks = rnd.int(3, 8);
    for (let i = 0; i < blocks && length < targetChars; i++) push(block(pool, rnd, ctx));
  }
  for (const label of ctx.refs) {
    const link = LINKS.find((l) => l.label === label);
    push(`[${label}]: ${link.url}${rnd.chance(0.5) ? ` "${link.text}"` : ''}`);
  }
  ctx.footnotes.forEach((note, i) => push(`[^${i + 1}]: ${note}`));
  return out.join('\n');
}

function frontMatter(rnd, title) {
  const lines = ['---', `title: "${title.replace(/"/g, "'")}"`, `date: 202${rnd.int(1, 4)}-0${rnd.int(1, 9)}-1${rnd.int(0, 9)}`];
  lines.push(`authors: [${rnd.pick(['Ada', 'Grace', 'Alan'])} ${rnd.pick(['Ng', 'Okafor', 'Lind'])}]`);
  lines.push(`tags: [${rnd.pick(['inner alignment', 'outer alignment', 'mesa-optimization', 'goal misgeneralization'])}, reading-group]`);
  if (rnd.chance(0.3)) {
    lines.push('alignment-terms:');
    const first = rnd.pick(PIN_CHOICES);
    // A rare typo, as authors make them: an unknown sense id (rule unknown-pin).
    lines.push(`  ${first[0]}: ${rnd.chance(0.05) ? first[1].replace('-focused', '-focussed') : first[1]}`);
    const second = rnd.pick(PIN_CHOICES);
    if (second[0] !== first[0] && rnd.chance(0.5)) lines.push(`  ${second[0]}: ${second[1]}`);
  }
  if (rnd.chance(0.5)) lines.push('draft: true');
  lines.push('---', '');
  return lines.join('\n');
}

function heading(pool, rnd) {
  return rnd.pick(pool.headings).replace(/[?:.]$/, '');
}

function block(pool, rnd, ctx) {
  const r = rnd.next();
  if (r < 0.55) return paragraph(pool, rnd, ctx);
  if (r < 0.67) return list(pool, rnd, ctx);
  if (r < 0.74) return quote(pool, rnd, ctx);
  if (r < 0.81) return fenced(rnd);
  if (r < 0.84) return table(rnd);
  if (r < 0.87) return `${rnd.pick(DIRECTIVES)}\n${paragraph(pool, rnd, ctx)}`;
  if (r < 0.89) return `    # indented code: inner alignment stays out of prose\n    loss = criterion(model(x), y)`;
  if (r < 0.91) return `<details><summary>Notes on inner alignment</summary>\n\nHTML blocks are not prose: outer alignment here is skipped.\n\n</details>`;
  if (r < 0.93) return '* * *';
  return paragraph(pool, rnd, ctx);
}

function paragraph(pool, rnd, ctx) {
  let text = rnd.chance(0.75) ? rnd.pick(pool.paragraphs) : sentences(pool, rnd, rnd.int(2, 5));
  text = decorate(text, rnd, ctx);
  return rnd.chance(0.5) ? wrap(text, rnd.int(68, 100)) : text;
}

function sentences(pool, rnd, n) {
  const start = rnd.int(0, pool.sentences.length - 1);
  const out = [];
  for (let i = 0; i < n; i++) out.push(pool.sentences[(start + i) % pool.sentences.length]);
  return out.join(' ');
}

/** Spelling variants, links, inline code, emphasis and footnotes, each by chance. */
function decorate(text, rnd, ctx) {
  if (rnd.chance(0.35)) {
    const [pattern, replacement] = rnd.pick(VARIANTS);
    text = text.replace(pattern, replacement);
  }
  if (rnd.chance(0.25)) {
    const link = rnd.pick(LINKS);
    if (rnd.chance(0.7)) text += ` See [${link.text}](${link.url}).`;
    else {
      ctx.refs.add(link.label);
      text += ` Compare [${link.text}][${link.label}].`;
    }
  }
  if (rnd.chance(0.08)) text += ` (Source: ${rnd.pick(LINKS).url})`;
  if (rnd.chance(0.2)) text = insertAtSpace(text, rnd, ` ${rnd.pick(INLINE_CODE)}`);
  if (rnd.chance(0.15)) text = text.replace(/\b(inner|outer) (alignment|misalignment)\b/i, (m) => (rnd.chance(0.5) ? `*${m}*` : `**${m}**`));
  if (rnd.chance(0.06)) {
    ctx.footnotes.push(`On this usage see ${rnd.pick(LINKS).text}; the inner alignment literature is not uniform.`);
    text += `[^${ctx.footnotes.length}]`;
  }
  return text;
}

function insertAtSpace(text, rnd, insert) {
  const at = text.indexOf(' ', rnd.int(0, Math.max(0, text.length - 1)));
  return at < 0 ? text + insert : text.slice(0, at) + insert + text.slice(at);
}

/** Hard-wraps at `width` columns, so some terms break across lines as in real drafts. */
function wrap(text, width) {
  const words = text.split(' ');
  const lines = [];
  let line = '';
  for (const word of words) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

function list(pool, rnd, ctx) {
  const ordered = rnd.chance(0.3);
  const marker = rnd.pick(['-', '*', '+']);
  const items = [];
  const n = rnd.int(3, 6);
  for (let i = 0; i < n; i++) {
    const item = decorate(sentences(pool, rnd, rnd.int(1, 2)), rnd, ctx);
    const bullet = ordered ? `${i + 1}.` : marker;
    items.push(`${bullet} ${wrap(item, 90).replace(/\n/g, `\n${' '.repeat(bullet.length + 1)}`)}`);
    if (rnd.chance(0.1)) items.push(`${' '.repeat(bullet.length + 1)}- ${sentences(pool, rnd, 1)}`);
  }
  return items.join('\n');
}

function quote(pool, rnd, ctx) {
  const body = wrap(decorate(sentences(pool, rnd, rnd.int(1, 3)), rnd, ctx), 78);
  const lines = body.split('\n').map((l) => `> ${l}`);
  if (rnd.chance(0.4)) lines.push('>', `> — ${rnd.pick(['Evan Hubinger', 'John Wentworth', 'Richard Ngo', 'Rohin Shah'])}`);
  return lines.join('\n');
}

function fenced(rnd) {
  const [lang, lines] = rnd.pick(CODE_SNIPPETS);
  const fence = rnd.chance(0.8) ? '```' : '~~~';
  return [`${fence}${lang}`, ...lines, fence].join('\n');
}

function table(rnd) {
  const rows = [
    ['inner alignment', 'objective-focused', 'Hubinger 2020'],
    ['inner alignment', 'generalization-focused', 'Shah'],
    ['outer alignment', 'objective-function', 'RLO 2019'],
    ['goal misgeneralization', 'behavioural failure', 'Langosco et al.'],
    ['mesa-optimiser', 'learned optimizer', 'Hubinger et al.'],
  ];
  const n = rnd.int(2, rows.length);
  const lines = ['| Term | Sense | Source |', '| --- | --- | --- |'];
  for (let i = 0; i < n; i++) lines.push(`| ${rows[i].join(' | ')} |`);
  return lines.join('\n');
}
