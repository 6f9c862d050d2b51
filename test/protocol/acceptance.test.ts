/**
 * The acceptance path on the shipped examples: the server flags exactly what the CLI
 * flags (one engine, two faces), and "Pin for this document" clears every flag of
 * that term in the unsettled draft.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CodeActionRequest, type CodeAction, type TextDocumentEdit, type TextEdit } from 'vscode-languageserver-protocol/node';
import { ensureBuilt, ROOT } from './build';
import { applyLspEdits, TestClient, uri } from './client';

const EXAMPLES = path.join(ROOT, 'examples');
const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.md')).sort();

interface CliDiagnostic {
  rule: string;
  severity: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

let client: TestClient;
let cli: Map<string, CliDiagnostic[]>;
beforeAll(async () => {
  ensureBuilt();
  let out: string;
  try {
    out = execFileSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'lint', 'examples', '--format', 'json'], { cwd: ROOT, encoding: 'utf8' });
  } catch (error) {
    out = (error as { stdout: string }).stdout; // exit 1: one example has an error on purpose
  }
  cli = new Map((JSON.parse(out) as { file: string; diagnostics: CliDiagnostic[] }[]).map((f) => [path.basename(f.file), f.diagnostics]));
  client = await TestClient.start({ workspaceFolders: [EXAMPLES] });
});
afterAll(async () => {
  await client?.stop();
});

const SEVERITY = ['', 'error', 'warning', 'info', 'hint'];

describe('the examples in an editor', () => {
  it.each(files)('%s: the same diagnostics as `alignment-terms lint`', async (file) => {
    const docUri = uri(path.join(EXAMPLES, file));
    await client.open(docUri, readFileSync(path.join(EXAMPLES, file), 'utf8'));
    const published = await client.diagnosticsFor(docUri, (p) => p.version === 1);
    const fromServer = published.diagnostics.map((d) => ({
      rule: d.code,
      severity: SEVERITY[d.severity!],
      message: d.message,
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      endLine: d.range.end.line + 1,
      endColumn: d.range.end.character + 1,
    }));
    const fromCli = (cli.get(file) ?? []).map(({ rule, severity, message, line, column, endLine, endColumn }) => ({ rule, severity, message, line, column, endLine, endColumn }));
    expect(fromServer).toEqual(fromCli);
  });

  it('01-unsettled-draft.md: "Pin for this document" clears every flag of that term, and only those', async () => {
    const docUri = uri(path.join(EXAMPLES, '01-unsettled-draft.md'));
    const text = readFileSync(path.join(EXAMPLES, '01-unsettled-draft.md'), 'utf8');
    const before = client.latest(docUri)!.diagnostics;
    const inner = before.filter((d) => (d.data as { term?: string }).term === 'inner-alignment');
    expect(inner.length).toBeGreaterThan(1);
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: docUri }, range: inner[0].range, context: { diagnostics: [inner[0]] } })) as CodeAction[];
    const pin = actions.find((a) => a.isPreferred)!;
    expect(pin.title).toMatch(/^Pin inner alignment to ".+" for this document$/);
    const edits = (pin.edit!.documentChanges![0] as TextDocumentEdit).edits as TextEdit[];
    await client.change(docUri, 2, [{ text: applyLspEdits(text, edits) }]);
    const after = (await client.diagnosticsFor(docUri, (p) => p.version === 2)).diagnostics;
    expect(after.filter((d) => (d.data as { term?: string }).term === 'inner-alignment')).toEqual([]);
    expect(after.map((d) => d.message)).toEqual(before.filter((d) => !inner.includes(d)).map((d) => d.message));
  });
});
