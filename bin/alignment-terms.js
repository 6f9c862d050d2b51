#!/usr/bin/env node
'use strict';
// The CLI lives in dist/cli.js, built by `npm ci` / `npm run build`.
try {
  require.resolve('../dist/cli.js');
} catch {
  process.stderr.write('alignment-terms: dist/cli.js is missing; run `npm run build` in the alignment-terms folder first.\n');
  process.exit(2);
}
require('../dist/cli.js');
