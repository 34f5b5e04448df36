// SARIF 2.1.0 output, for GitHub code scanning and other SARIF viewers. Paths are relative to
// %SRCROOT% (the working folder) so uploads line up with the repository; regions are one-based and
// endColumn is exclusive, as the spec says.
import { pathToFileURL } from 'node:url';
import type { Artifact, Log, Notification, ReportingDescriptor, Result } from 'sarif';
import type { Rule, Severity } from '../engine/types';
import { fileReadiness, jsonCoverage, type JsonCoverageEntry } from './format-json';
import { sortFindings, visibleFindings, type FileReport, type RunReport } from './report';

export interface SarifToolInfo {
  name: string;
  version: string;
  /** Where the project lives, when known (package.json "homepage" or "repository"). */
  informationUri?: string;
  /** Link to one rule's documentation. */
  ruleHelpUri(ruleId: string): string;
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

export function toSarif(run: RunReport, rules: readonly Rule[], tool: SarifToolInfo, cwd: string): Log {
  const descriptors: ReportingDescriptor[] = rules.map((rule) => ({
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: rule.description },
    fullDescription: { text: rule.docs },
    help: { text: rule.docs, markdown: `${rule.docs}\n\n[Rule documentation](${tool.ruleHelpUri(rule.id)})` },
    helpUri: tool.ruleHelpUri(rule.id),
    defaultConfiguration: { level: LEVEL[rule.defaultSeverity] },
    properties: { tags: rule.tags, fixable: rule.fixable },
  }));
  const ruleIndex = new Map(descriptors.map((descriptor, index) => [descriptor.id, index]));
  const srcRoot = pathToFileURL(cwd.endsWith('/') ? cwd : `${cwd}/`).href;

  const artifacts: Artifact[] = [];
  const results: Result[] = [];
  const notifications: Notification[] = [];
  const location = (displayPath: string, absolutePath: string) =>
    displayPath.startsWith('/') || /^[A-Za-z]:/.test(displayPath) ? { uri: pathToFileURL(absolutePath).href } : { uri: encodeURI(displayPath), uriBaseId: '%SRCROOT%' };

  for (const problem of run.inputProblems) {
    notifications.push({ level: 'error', message: { text: `${problem.file}: ${problem.message}` } });
  }
  for (const problem of run.configProblems) {
    notifications.push({ level: 'error', message: { text: problem } });
  }
  for (const report of run.files) {
    const artifactLocation = location(report.displayPath, report.path);
    if (report.error !== undefined) {
      notifications.push({ level: 'error', message: { text: `${report.displayPath}: ${report.error}` }, locations: [{ physicalLocation: { artifactLocation } }] });
      continue;
    }
    if (report.fixError !== undefined) {
      notifications.push({ level: 'error', message: { text: `${report.displayPath}: ${report.fixError}` }, locations: [{ physicalLocation: { artifactLocation } }] });
    }
    const artifactIndex = artifacts.push({ location: artifactLocation, ...(report.coverage ? { properties: judgmentProperties(report) } : {}) }) - 1;
    for (const finding of sortFindings(visibleFindings(report, run.quiet))) {
      if (!ruleIndex.has(finding.ruleId)) {
        // A finding from a rule outside the catalogue (should not happen): describe it rather than emit a dangling ruleId.
        ruleIndex.set(finding.ruleId, descriptors.push({ id: finding.ruleId, shortDescription: { text: finding.ruleId } }) - 1);
      }
      const { start, end } = finding.range;
      results.push({
        ruleId: finding.ruleId,
        ruleIndex: ruleIndex.get(finding.ruleId)!,
        level: LEVEL[finding.severity],
        message: { text: finding.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { ...artifactLocation, index: artifactIndex },
              region: { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 },
            },
          },
        ],
      });
    }
  }

  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: tool.name,
            version: tool.version,
            semanticVersion: tool.version,
            ...(tool.informationUri ? { informationUri: tool.informationUri } : {}),
            rules: descriptors,
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: srcRoot } },
        artifacts,
        results,
        invocations: [{ executionSuccessful: notifications.length === 0, toolExecutionNotifications: notifications }],
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
}

export function formatSarif(run: RunReport, rules: readonly Rule[], tool: SarifToolInfo, cwd: string): string {
  return `${JSON.stringify(toSarif(run, rules, tool, cwd), null, 2)}\n`;
}

/**
 * The file's readiness and coverage in the artifact's property bag (SARIF §3.8), in the JSON
 * output's shape: per step its status, one-based line, score 0-3 and checkpoints; per check its status.
 */
function judgmentProperties(report: FileReport): { readiness: number; coverage: Record<string, JsonCoverageEntry> } {
  return { readiness: fileReadiness(report), coverage: jsonCoverage(report) };
}

function pascalCase(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, __, letter: string) => letter.toUpperCase());
}
