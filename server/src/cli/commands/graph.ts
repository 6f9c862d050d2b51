/**
 * `alignment-terms graph [FILE] [--format svg|mermaid|dot] [--output FILE]`: the
 * concept map. Without FILE it draws the registry that applies in the current
 * folder (implication diagrams, facts, senses); with a draft it also highlights the
 * terms the draft uses and the sense each is in, under the glossary that applies to
 * the draft. The format defaults to what --output's extension says (.svg, .mmd, .md,
 * .dot, .gv), else svg. Mermaid written to a .md file is wrapped in a ```mermaid
 * fence so the file renders on GitHub as is.
 */
import path from 'node:path';
import { stringOption, type Command } from '../command';
import { UsageError } from '../errors';

const FORMATS = ['svg', 'mermaid', 'dot'] as const;
type Format = (typeof FORMATS)[number];

const BY_EXTENSION: Record<string, Format> = { '.svg': 'svg', '.mmd': 'mermaid', '.mermaid': 'mermaid', '.md': 'mermaid', '.markdown': 'mermaid', '.dot': 'dot', '.gv': 'dot' };

/** The graph command. */
export const graphCommand: Command = {
  name: 'graph',
  summary: 'draw the concept map (implication diagrams, senses), highlighting a draft\'s terms',
  usage: 'graph [FILE] [--format svg|mermaid|dot] [--output FILE]',
  options: {
    output: { type: 'string', short: 'o', value: 'FILE', description: 'write the report to FILE (atomically) instead of stdout' },
  },
  async run(args, options, io) {
    if (args.length > 1) throw new UsageError(`graph takes at most one draft, e.g. alignment-terms graph post.md (got ${args.length})`);
    const output = stringOption(options, 'output');
    const format = formatOf(stringOption(options, 'format'), output);
    const [{ analyze }, { buildConceptGraph, renderConceptGraph }, { ConfigResolver }, { readDraft }, { openSink }] = await Promise.all([
      import('../../core'),
      import('../../core/features/graph'),
      import('../config'),
      import('../read'),
      import('../output'),
    ]);
    const config = stringOption(options, 'config');
    const resolver = new ConfigResolver(config ? path.resolve(io.cwd, config) : undefined);
    let graph;
    if (args.length === 1) {
      const file = path.resolve(io.cwd, args[0]);
      const registry = resolver.registryFor(file);
      const draft = readDraft(file);
      if ('skip' in draft) throw new UsageError(`cannot read ${args[0]}: ${draft.skip}`);
      if (draft.warning) io.stderr.write(`alignment-terms: ${args[0]}: ${draft.warning}\n`);
      graph = buildConceptGraph(registry, { analysis: analyze(draft.text, registry), draft: path.basename(file) });
    } else {
      // The glossary a draft in this folder would get, so a team's own arrows and senses are drawn too.
      graph = buildConceptGraph(resolver.registryFor(path.join(io.cwd, 'draft.md')));
    }
    let text = renderConceptGraph(graph, format);
    if (format === 'mermaid' && output && /\.(md|markdown)$/i.test(output)) text = `\`\`\`mermaid\n${text}\`\`\`\n`;
    const sink = openSink(io.stdout, output ? path.resolve(io.cwd, output) : undefined);
    sink.write(text);
    sink.close();
    return 0;
  },
};

/** The format asked for, else the one --output's extension implies, else svg. Throws UsageError for an unknown one. */
function formatOf(asked: string | undefined, output: string | undefined): Format {
  if (asked !== undefined) {
    if (!(FORMATS as readonly string[]).includes(asked)) throw new UsageError(`unknown format '${asked}' for graph; expected svg, mermaid or dot`);
    return asked as Format;
  }
  return (output && BY_EXTENSION[path.extname(output).toLowerCase()]) || 'svg';
}
