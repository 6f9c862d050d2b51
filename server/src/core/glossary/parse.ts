/**
 * Parses and validates one glossary file's text. Never throws: every problem comes
 * back as data with the file, a 1-based line and column, and what was expected.
 */
import Ajv, { type ErrorObject } from 'ajv';
import { isMap, isSeq, isScalar, LineCounter, parseDocument, type Node as YamlNode, type Document } from 'yaml';
import schema from '../../../registry/glossary.schema.json';
import { closest } from '../suggest';
import type { ConfigProblem } from '../types';
import type { GlossaryFile } from './types';

let validator: ReturnType<Ajv['compile']> | undefined;
function validate(value: unknown) {
  // verbose: errors carry the schema that failed (to list allowed keys) and the value.
  validator ??= new Ajv({ allErrors: true, strict: false, verbose: true }).compile(schema);
  const ok = validator(value);
  return { ok, errors: (validator.errors ?? []) as ErrorObject[] };
}

/** Limits that keep a hostile glossary from costing more than a normal one. */
const MAX_GLOSSARY_CHARS = 5_000_000;

/** The result of parsing one glossary: the data (null when unusable) and any problems. */
export interface ParsedGlossary {
  glossary: GlossaryFile | null;
  problems: ConfigProblem[];
  /** Finds the 1-based position of a path's value inside the file (for later semantic checks). */
  positionOf(path: (string | number)[]): { line: number; column: number };
  /** Like positionOf, but for a map entry the position of its key ("corrigibility:"), not its value. */
  keyPositionOf(path: (string | number)[]): { line: number; column: number };
}

/** Parses glossary YAML text. `file` is only used to name the file in problems. */
export function parseGlossary(text: string, file: string): ParsedGlossary {
  const lineCounter = new LineCounter();
  const problems: ConfigProblem[] = [];
  const at = (offset: number) => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  if (text.length > MAX_GLOSSARY_CHARS) {
    const start = () => ({ line: 1, column: 1 });
    return { glossary: null, problems: [{ file, line: 1, column: 1, message: `glossary is larger than ${MAX_GLOSSARY_CHARS} characters` }], positionOf: start, keyPositionOf: start };
  }
  // uniqueKeys: false, and duplicates are found below with a Set: yaml's own check
  // compares every key with every other (seconds for a glossary of 5,000 terms).
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const positionOf = (path: (string | number)[]) => positionInDoc(doc, path, at);
  const keyPositionOf = (path: (string | number)[]) => positionOfKey(doc, path.map(String), at);
  for (const error of doc.errors) {
    problems.push({ file, ...at(error.pos[0]), message: `invalid YAML: ${firstLine(error.message)}` });
  }
  for (const key of duplicateKeys(doc.contents)) {
    problems.push({ file, ...at(key.offset), message: `duplicate key '${key.name}': each key may appear only once in a map` });
  }
  if (problems.length) return { glossary: null, problems, positionOf, keyPositionOf };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (error) {
    problems.push({ file, line: 1, column: 1, message: `invalid YAML: ${firstLine(String((error as Error).message))}` });
    return { glossary: null, problems, positionOf, keyPositionOf };
  }
  const { ok, errors } = validate(value);
  if (!ok) {
    for (const error of relevantErrors(errors)) {
      const path = error.instancePath.split('/').slice(1).map(unescapePointer);
      const key = offendingKey(error);
      const where = key === undefined ? positionOf(path) : positionOfKey(doc, [...path, key], at);
      problems.push({ file, ...where, message: describeSchemaError(error, path) });
    }
    // In the order they appear in the file, not the schema's order.
    return { glossary: null, problems: dedupe(problems).sort((a, b) => a.line - b.line || a.column - b.column), positionOf, keyPositionOf };
  }
  // A section left empty (`pin:` with its entries commented out) means "none".
  const glossary = value as Record<string, unknown>;
  for (const key of Object.keys(glossary)) if (glossary[key] === null) delete glossary[key];
  return { glossary: glossary as GlossaryFile, problems, positionOf, keyPositionOf };
}

/** Keys written twice in one map, anywhere in the document (the second and later ones). */
function duplicateKeys(root: unknown): { name: string; offset: number }[] {
  const out: { name: string; offset: number }[] = [];
  const stack: unknown[] = [root];
  while (stack.length) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        if (isScalar(pair.key) && seen.has(key) && pair.key.range) out.push({ name: String(key), offset: pair.key.range[0] });
        seen.add(key);
        stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      stack.push(...node.items);
    }
  }
  return out.sort((a, b) => a.offset - b.offset);
}

function firstLine(message: string): string {
  // The YAML reader reports its own stack overflow on nesting thousands deep as an error at the spot.
  if (message.includes('Maximum call stack size exceeded')) return 'nested too deeply (thousands of levels of lists or maps)';
  return message.split('\n')[0];
}

function unescapePointer(part: string): string {
  return part.replace(/~1/g, '/').replace(/~0/g, '~');
}

function dedupe(problems: ConfigProblem[]): ConfigProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.line}:${p.column}:${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Drops errors that only restate another: Ajv reports a bad key both inside
 * `propertyNames` and as the `propertyNames` failure, and a `oneOf` both per branch
 * and as a whole. The specific key error and the whole `oneOf` are the useful ones.
 */
function relevantErrors(errors: ErrorObject[]): ErrorObject[] {
  const failedOneOf = errors.filter((e) => e.keyword === 'oneOf').map((e) => `${e.schemaPath}/`);
  return errors.filter((e) => {
    if (e.keyword === 'propertyNames' && errors.some((o) => o !== e && o.propertyName !== undefined && o.instancePath === e.instancePath)) return false;
    return !failedOneOf.some((prefix) => e.schemaPath.startsWith(prefix));
  });
}

/** The key a key-level error is about (its position is the key's, not the value's). */
function offendingKey(error: ErrorObject): string | undefined {
  if (error.keyword === 'additionalProperties') return String((error.params as { additionalProperty: string }).additionalProperty);
  if (error.propertyName !== undefined) return error.propertyName;
  if (error.keyword === 'propertyNames') return String((error.params as { propertyName?: string }).propertyName ?? '');
  return undefined;
}

/** 'terms.corrigibility.forms[0]': keys joined by dots, list indices in brackets. */
export function describePath(path: (string | number)[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number' || /^\d+$/.test(part)) out += `[${part}]`;
    else out += out ? `.${part}` : part;
  }
  return out;
}

const ID_RULE = 'ids are lower-case letters and digits, words joined by hyphens, such as corrigibility or soares-2015';

function describeSchemaError(error: ErrorObject, path: string[]): string {
  const where = path.length ? `'${describePath(path)}'` : 'the glossary';
  const params = error.params as Record<string, unknown>;
  const key = offendingKey(error);
  const parent = path[path.length - 1];
  switch (error.keyword) {
    case 'additionalProperties': {
      const allowed = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const hint = closest(key!, allowed);
      return `unknown key '${key}' in ${where}; ${hint ? `did you mean '${hint}'?` : `expected one of: ${allowed.join(', ')}`}`;
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      if (key !== undefined) {
        const hint = closest(key, allowed);
        const what = parent === 'rules' ? 'rule' : 'key';
        return `unknown ${what} '${key}' in ${where}; ${hint ? `did you mean '${hint}'?` : `expected one of: ${allowed.join(', ')}`}`;
      }
      const given = valueAt(error);
      const hint = typeof given === 'string' ? closest(given, allowed) : undefined;
      return `${where} must be one of: ${allowed.join(', ')}${given !== undefined ? `, not ${JSON.stringify(given)}` : ''}${hint ? `; did you mean '${hint}'?` : ''}`;
    }
    case 'pattern':
      if (key !== undefined) return `invalid id '${key}' in ${where}: ${ID_RULE}`;
      return parent === 'url' || path[path.length - 2] === 'urls' ? `${where} must be an http(s) URL` : `${where} must match ${String(params.pattern)}`;
    case 'propertyNames':
      return `invalid key '${key}' in ${where}`;
    case 'type':
      return `${where} must be ${typeName(String(params.type))}`;
    case 'required':
      return `${where} is missing '${String(params.missingProperty)}'`;
    case 'minLength':
      return `${where} must not be empty`;
    case 'maxLength':
      return `${where} must be at most ${String(params.limit)} characters long`;
    case 'minProperties':
      return parent === 'senses'
        ? `${where} must define at least one sense (leave 'senses' out for a term with one meaning)`
        : `${where} must not be empty`;
    case 'minItems':
      return `${where} must list at least ${String(params.limit)} item${params.limit === 1 ? '' : 's'}`;
    case 'minimum':
      return `${where} must be at least ${String(params.limit)}`;
    case 'maximum':
      return `${where} must be at most ${String(params.limit)}`;
    case 'oneOf':
      return parent === 'extends'
        ? `${where} must be a preset name (recommended or strict), a relative path such as ./base.yaml, or a list of them`
        : `${where} has the wrong shape`;
    default:
      return `${where} ${error.message ?? 'is invalid'}`;
  }
}

function typeName(types: string): string {
  // A section that may be left empty has the type [object, null]: name what it should hold.
  const type = types.split(',').find((t) => t !== 'null') ?? types;
  switch (type) {
    case 'array':
      return 'a list';
    case 'object':
      return 'a map (key: value lines)';
    case 'integer':
      return 'a whole number';
    case 'boolean':
      return 'true or false';
    default:
      return `a ${type}`;
  }
}

/** The offending value, when Ajv was asked to keep it (verbose). */
function valueAt(error: ErrorObject): unknown {
  return (error as ErrorObject & { data?: unknown }).data;
}

function nodeAt(doc: Document, path: (string | number)[]): YamlNode | null {
  let node: unknown = doc.contents;
  for (const part of path) {
    if (isMap(node)) node = node.get(part, true);
    else if (isSeq(node)) node = node.get(Number(part), true);
    else return null;
    if (node === undefined) return null;
  }
  return (node as YamlNode) ?? null;
}

function positionInDoc(doc: Document, path: (string | number)[], at: (o: number) => { line: number; column: number }) {
  for (let n = path.length; n >= 0; n--) {
    const node = nodeAt(doc, path.slice(0, n));
    if (node?.range) return at(node.range[0]);
  }
  return { line: 1, column: 1 };
}

function positionOfKey(doc: Document, path: string[], at: (o: number) => { line: number; column: number }) {
  const parent = nodeAt(doc, path.slice(0, -1));
  if (isMap(parent)) {
    for (const pair of parent.items) {
      if (isScalar(pair.key) && String(pair.key.value) === path[path.length - 1] && pair.key.range) return at(pair.key.range[0]);
    }
    return positionInDoc(doc, path.slice(0, -1), at);
  }
  return positionInDoc(doc, path, at);
}
