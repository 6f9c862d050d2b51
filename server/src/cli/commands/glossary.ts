/**
 * `alignment-terms glossary FILE`: the definitions a draft relies on, as Markdown
 * ready to paste: each term it uses, the sense in force and where that was decided,
 * the definition and its source, and the uses nothing settles.
 */
import path from 'node:path';
import { stringOption, type Command } from '../command';
import { UsageError } from '../errors';

/** The glossary command. */
export const glossaryCommand: Command = {
  name: 'glossary',
  summary: 'print the definitions a draft relies on, as Markdown',
  usage: 'glossary FILE [--output FILE]',
  options: {
    output: { type: 'string', short: 'o', value: 'FILE', description: 'write the report to FILE (atomically) instead of stdout' },
  },
  async run(args, options, io) {
    if (args.length !== 1) throw new UsageError(`glossary takes one draft, e.g. alignment-terms glossary post.md (got ${args.length})`);
    const format = stringOption(options, 'format') ?? 'markdown';
    if (format !== 'markdown') throw new UsageError(`unknown format '${format}' for glossary; expected markdown`);
    const [{ analyze }, { draftGlossary }, { ConfigResolver }, { readDraft }, { openSink }] = await Promise.all([
      import('../../core'),
      import('../../core/features/glossary'),
      import('../config'),
      import('../read'),
      import('../output'),
    ]);
    const file = path.resolve(io.cwd, args[0]);
    const config = stringOption(options, 'config');
    const registry = new ConfigResolver(config ? path.resolve(io.cwd, config) : undefined).registryFor(file);
    const draft = readDraft(file);
    if ('skip' in draft) throw new UsageError(`cannot read ${args[0]}: ${draft.skip}`);
    if (draft.warning) io.stderr.write(`alignment-terms: ${args[0]}: ${draft.warning}\n`);
    const sink = openSink(io.stdout, stringOption(options, 'output') ? path.resolve(io.cwd, stringOption(options, 'output')!) : undefined);
    sink.write(draftGlossary(analyze(draft.text, registry), registry, { title: path.basename(file) }));
    sink.close();
    return 0;
  },
};
