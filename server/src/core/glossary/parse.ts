/**
 * Parses and validates one glossary file's text. Never throws: every problem comes
 * back as data with the file, a 1-based line and column, and what was expected.
 */
import Ajv, { type ErrorObject } from 'ajv';
import { isMap, isSeq, isScalar, LineCounter, parseDocument, type Node as YamlNode, type Document } from 'yaml';
import schema from '../../../registry/glossary.schema.json';
import type { ConfigProblem } from '../types';
import type { GlossaryFile } from './types';

let validator: ReturnType<Ajv['compile']> | undefined;
function validate(value: unknown) {
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(schema);
  const ok = validator(value);
  return { ok, errors: (validator.errors ?? []) as ErrorObject[] };
}

/** Limits that keep a hostile glossary from costing more than a normal one. */
const MAX_GLOSSARY_CHARS = 5_000_000;

/** The result of parsing one glossary: the data (null when unusable) and any problems. */
export interface ParsedGlossary {
  glossary: GlossaryFile | null;
  problems: ConfigProblem[];
  /** Finds the 1-based position of a path inside the file (for later semantic checks). */
  positionOf(path: (string | number)[]): { line: number; column: number };
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
    return { glossary: null, problems: [{ file, line: 1, column: 1, message: `glossary is larger than ${MAX_GLOSSARY_CHARS} characters` }], positionOf: () => ({ line: 1, column: 1 }) };
  }
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const positionOf = (path: (string | number)[]) => positionInDoc(doc, path, at);
  for (const error of doc.errors) {
    problems.push({ file, ...at(error.pos[0]), message: `invalid YAML: ${firstLine(error.message)}` });
  }
  if (problems.length) return { glossary: null, problems, positionOf };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (error) {
    problems.push({ file, line: 1, column: 1, message: `invalid YAML: ${firstLine(String((error as Error).message))}` });
    return { glossary: null, problems, positionOf };
  }
  const { ok, errors } = validate(value);
  if (!ok) {
    for (const error of errors) {
      const path = error.instancePath.split('/').slice(1).map(unescapePointer);
      const keyProblem = error.keyword === 'additionalProperties' || error.keyword === 'propertyNames';
      const where = keyProblem && error.keyword === 'additionalProperties'
        ? positionOfKey(doc, [...path, String((error.params as { additionalProperty: string }).additionalProperty)], at)
        : keyProblem ? positionOfKey(doc, [...path, String((error.params as { propertyName?: string }).propertyName ?? '')], at) : positionOf(path);
      problems.push({ file, ...where, message: describeSchemaError(error, path) });
    }
    return { glossary: null, problems: dedupe(problems), positionOf };
  }
  return { glossary: value as GlossaryFile, problems, positionOf };
}

function firstLine(message: string): string {
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

function describeSchemaError(error: ErrorObject, path: string[]): string {
  const where = path.length ? `'${path.join('.')}'` : 'the glossary';
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return `unknown key '${String(params.additionalProperty)}' in ${where}`;
    case 'propertyNames':
      return `invalid key '${String(params.propertyName)}' in ${where}`;
    case 'enum':
      return `${where} must be one of: ${(params.allowedValues as unknown[]).join(', ')}`;
    case 'type':
      return `${where} must be ${params.type === 'array' ? 'a list' : params.type === 'object' ? 'a map' : `a ${String(params.type)}`}`;
    case 'required':
      return `${where} is missing '${String(params.missingProperty)}'`;
    case 'pattern':
      return path.length && (path[path.length - 1] === 'url' || path[path.length - 2] === 'urls')
        ? `${where} must be an http(s) URL`
        : `${where} must be lower-case words joined by hyphens`;
    default:
      return `${where} ${error.message ?? 'is invalid'}`;
  }
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
  }
  return positionInDoc(doc, path.slice(0, -1), at);
}
