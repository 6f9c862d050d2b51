#!/usr/bin/env node
/**
 * The whole-process baseline for the CLI figures: reads each file named on the
 * command line and parses it with unified().use(remarkParse), one after another on
 * one thread, then prints how many it parsed. Loads the same kind of CommonJS bundle
 * as the CLI (bench/.build/bare.cjs, built by run.mjs), so start-up costs compare.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const bundle = path.join(path.dirname(fileURLToPath(import.meta.url)), '.build', 'bare.cjs');
const { parse } = require(bundle);
let nodes = 0;
for (const file of process.argv.slice(2)) nodes += parse(readFileSync(file, 'utf8')).children.length;
console.log(`parsed ${process.argv.length - 2} files (${nodes} top-level nodes)`);
