// An esbuild plugin: fdir (tinyglobby's crawler) looks for an optional picomatch at
// run time, through createRequire, which a bundle cannot see. In a checkout that finds
// node_modules/picomatch and loads its five files from disk at every start of the CLI
// (about 7 ms); in an installed bundle it finds nothing. tinyglobby never uses fdir's
// own globbing, which is what that picomatch is for. The plugin turns the lookup into
// a plain require of picomatch, which esbuild bundles (tinyglobby already bundles it):
// the same module in every install, and nothing read from node_modules at run time.
import { readFile } from 'node:fs/promises';

const LOOKUP = /__require\.resolve\("picomatch"\);\s*pm = __require\("picomatch"\);/;

/** Rewrites fdir's run-time picomatch lookup; fails the build if fdir no longer has it. */
export const fdirPicomatchPlugin = {
  name: 'fdir-picomatch',
  setup(build) {
    build.onLoad({ filter: /[\\/]fdir[\\/]dist[\\/]index\.mjs$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!LOOKUP.test(source)) {
        throw new Error(`${args.path}: fdir's optional picomatch lookup changed; update scripts/fdir-picomatch.mjs`);
      }
      return { contents: source.replace(LOOKUP, 'pm = require("picomatch");'), loader: 'js' };
    });
  },
};
