// The built-in presets as data: parsed from server/registry/*.yaml and validated
// against the glossary schema at build time, so the CLI and the server start without
// parsing YAML or compiling the schema. Used by scripts/build.mjs (esbuild) and
// vitest.config.mts, so tests run on exactly what ships.
import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let validate;

/** Parses and validates one preset file; throws with file:line:column on any problem. */
export function loadPresetData(file) {
  const text = readFileSync(file, 'utf8');
  const doc = YAML.parseDocument(text, { prettyErrors: true });
  if (doc.errors.length) throw new Error(`${file}: ${doc.errors[0].message}`);
  const data = doc.toJS();
  validate ??= new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(path.join(root, 'server/registry/glossary.schema.json'), 'utf8')));
  if (!validate(data)) throw new Error(`${file}: does not match the glossary schema: ${JSON.stringify(validate.errors.slice(0, 3))}`);
  return data;
}

/** An esbuild plugin: `import x from '*.yaml'` gives the validated data. */
export const presetsPlugin = {
  name: 'presets-as-data',
  setup(build) {
    build.onLoad({ filter: /\.yaml$/ }, (args) => ({ contents: JSON.stringify(loadPresetData(args.path)), loader: 'json' }));
  },
};
