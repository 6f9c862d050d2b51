#!/usr/bin/env node
'use strict';
// The CLI lives in dist/cli.js, built by `npm ci` / `npm run build`; it is compiled
// with the code cache the build made for it, when there is one (see load-bundle.js).
const path = require('node:path');
const fs = require('node:fs');

const bundle = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(bundle)) {
  process.stderr.write('alignment-terms: dist/cli.js is missing; run `npm run build` in the alignment-terms folder first.\n');
  process.exit(2);
}
require('./load-bundle').loadBundle(bundle, module);
