/**
 * `alignment-terms lint [paths or globs ...]`: reports findings per draft. Exit 1
 * when there are error-severity findings or more warnings than --max-warnings.
 */
import type { Command } from '../command';

/** The lint command. */
export const lintCommand: Command = {
  name: 'lint',
  summary: 'report contested terms whose sense the draft never settles',
  usage: 'lint [paths or globs ...]',
  options: {
    quiet: { type: 'boolean', description: 'report errors only' },
    'max-warnings': { type: 'string', value: 'N', description: 'exit 1 when there are more than N warnings' },
  },
  async run(args, options, io) {
    const { lint } = await import('../lint');
    return lint(args, options, io);
  },
};
