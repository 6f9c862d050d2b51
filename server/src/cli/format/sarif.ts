/**
 * `--format sarif`: SARIF 2.1.0 with one run. The driver lists every rule (id,
 * description, help URI, default level); each finding is a result with its rule,
 * level, message and region. Columns are UTF-16 code units (run.columnKind), 1-based,
 * end column exclusive, exactly as the JSON format reports them. Paths are relative
 * to %SRCROOT% (the working folder). Streams: results are written file by file.
 */
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import type { Severity } from '../../core/types';
import type { DiagnosticResult, FileResult, Position } from '../results';
import { allRules, HOMEPAGE } from '../rules-meta';
import type { Formatter } from './types';

/** The schema URI written into the log. */
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const PLACEHOLDER = '\u0000results\u0000';

/** A streaming SARIF formatter. `version` is the tool's version. */
export function sarifFormatter(version: string): Formatter {
  const rules = allRules();
  const ruleIndex = new Map(rules.map((r, i) => [r.id as string, i]));
  const notifications: Sarif.Notification[] = [];
  let count = 0;

  const skeleton = (invocation: Sarif.Invocation): string =>
    JSON.stringify(
      {
        version: '2.1.0',
        $schema: SARIF_SCHEMA,
        runs: [
          {
            tool: {
              driver: {
                name: 'alignment-terms',
                version,
                semanticVersion: version,
                informationUri: HOMEPAGE,
                rules: rules.map(
                  (r): Sarif.ReportingDescriptor => ({
                    id: r.id,
                    name: camel(r.id),
                    shortDescription: { text: r.description },
                    fullDescription: { text: r.help },
                    help: { text: `${r.help} See ${r.helpUri}`, markdown: `${r.help}\n\n[Documentation of ${r.id}](${r.helpUri})` },
                    helpUri: r.helpUri,
                    defaultConfiguration: { level: level(r.defaultSeverity), ...(r.defaultSeverity === 'off' ? { enabled: false } : {}) },
                  }),
                ),
              },
            },
            columnKind: 'utf16CodeUnits',
            results: [PLACEHOLDER],
            invocations: [invocation],
          },
        ],
      } satisfies Sarif.Log | { runs: unknown[] },
      null,
      2,
    );
  // The placeholder's line splits the log into the part before the results and after.
  const split = (text: string) => {
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.includes(JSON.stringify(PLACEHOLDER)));
    return { head: lines.slice(0, at).join('\n'), indent: lines[at].match(/^\s*/)![0], tail: lines.slice(at + 1).join('\n') };
  };
  const { head, indent } = split(skeleton({ executionSuccessful: true }));

  return {
    begin: () => head,
    file(result) {
      if (result.skipped) {
        notifications.push({ level: 'warning', message: { text: `skipped: ${result.skipped}` }, locations: [{ physicalLocation: { artifactLocation: artifact(result) } }] });
        return '';
      }
      let out = '';
      for (const d of result.diagnostics) {
        const text = JSON.stringify(sarifResult(d, result, ruleIndex), null, 2).replace(/\n/g, `\n${indent}`);
        out += `${count++ === 0 ? '\n' : ',\n'}${indent}${text}`;
      }
      return out;
    },
    end() {
      const { tail } = split(skeleton({ executionSuccessful: true, ...(notifications.length ? { toolExecutionNotifications: notifications } : {}) }));
      // `results` closes on the line after the placeholder; an empty list closes on the same line.
      return count === 0 ? `]${tail.replace(/^\s*\]/, '')}\n` : `\n${tail}\n`;
    },
  };
}

function sarifResult(d: DiagnosticResult, file: FileResult, ruleIndex: Map<string, number>): Sarif.Result {
  const location = artifact(file);
  const fixes = chosenFixes(d).map(
    (fix): Sarif.Fix => ({
      description: { text: fix.title },
      artifactChanges: [{ artifactLocation: location, replacements: fix.edits.map((e) => ({ deletedRegion: region(e), insertedContent: { text: e.text } })) }],
    }),
  );
  const index = ruleIndex.get(d.rule);
  return {
    ruleId: d.rule,
    ...(index !== undefined ? { ruleIndex: index } : {}),
    level: level(d.severity as Severity),
    message: { text: d.message },
    locations: [{ physicalLocation: { artifactLocation: location, region: region(d) } }],
    ...(fixes.length ? { fixes } : {}),
    ...(d.term ? { properties: { term: d.term } } : {}),
  };
}

/**
 * Fixes worth carrying in the log: the safe ones and the engine's preferred one, or
 * else its first suggestion (an ambiguous term offers a dozen alternatives; all of
 * them would multiply the log's size).
 */
function chosenFixes(d: DiagnosticResult): DiagnosticResult['fixes'] {
  const chosen = d.fixes.filter((f) => f.safe || f.preferred);
  return chosen.length ? chosen : d.fixes.slice(0, 1);
}

function region(p: Position): Sarif.Region {
  return { startLine: p.line, startColumn: p.column, endLine: p.endLine, endColumn: p.endColumn };
}

/** A relative path becomes a URI under %SRCROOT%; a path outside the working folder, a file: URI. */
function artifact(file: FileResult): Sarif.ArtifactLocation {
  if (file.file.startsWith('/') || /^[A-Za-z]:[\\/]/.test(file.file)) return { uri: pathToFileURL(file.absolute).href };
  return { uri: file.file.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

/** SARIF levels: info and hint are notes; an off rule is none. */
function level(severity: Severity): Sarif.ReportingConfiguration.level {
  if (severity === 'error' || severity === 'warning') return severity;
  return severity === 'off' ? 'none' : 'note';
}

function camel(id: string): string {
  return id.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()).replace(/^[a-z]/, (c) => c.toUpperCase());
}
