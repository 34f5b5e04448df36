// The judgment in the CLI's outputs (issue 10's contract): per step a score 0-3 and its checkpoints
// (one-based lines), per file a readiness 0-100, in JSON, SARIF and text. The formats are unit-tested
// on engine results, then the bundled CLI is run as a subprocess the way users and CI run it.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { Log } from 'sarif';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sarifSchema from '@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json';
import { defaultConfig } from '../../server/src/engine/config';
import { createEngine } from '../../server/src/engine/engine';
import { readiness, scoreStep } from '../../server/src/engine/judgment/score';
import { ALL_RULES } from '../../server/src/engine/rules';
import { checkpointLabel, FIRST_CLAUSE_MAX, nameList, thinClause } from '../../server/src/engine/rules/thin-step';
import type { LintResult } from '../../server/src/engine/types';
import { toJsonResults, type JsonFileResult } from '../../server/src/cli/format-json';
import { toSarif } from '../../server/src/cli/format-sarif';
import { formatText, paletteFor } from '../../server/src/cli/format-text';
import type { FileReport, RunReport } from '../../server/src/cli/report';

const repoRoot = resolve(__dirname, '..', '..');
const cliPath = join(repoRoot, 'dist', 'cli.js');
const STEP_IDS = ['clarify', 'framing', 'data', 'model', 'evaluation', 'serving', 'monitoring'];
const CHECK_IDS = ['metric-gap', 'latency-budget'];

// Line numbers (one-based) matter below: line 5 holds the scale, line 9 the prompt-only model section.
const THIN_DOC = `# Feed ranking

## Requirements

We need to serve 100M DAU at 20k QPS.

## Model

- Baseline: {{what simple model do you compare against?}}
`;

const WORKED_EXAMPLE = join(repoRoot, 'templates', 'examples', 'video-recommendation.md');

const config = defaultConfig();
const engine = createEngine();

function fileReport(displayPath: string, result: LintResult, extra: Partial<FileReport> = {}): FileReport {
  return {
    path: `/work/${displayPath}`,
    displayPath,
    coverage: result.coverage,
    readiness: result.readiness,
    findings: result.findings.map(({ fixes: _fixes, ...finding }) => finding),
    rubric: config.rubric,
    fixedCount: 0,
    fixableCount: 0,
    ...extra,
  };
}

function runReport(files: FileReport[], quiet = false): RunReport {
  return { files, configProblems: [], inputProblems: [], quiet };
}

describe('formats (unit)', () => {
  let thin: LintResult;
  beforeAll(async () => {
    thin = await engine.lint(THIN_DOC, { config });
  });

  it('JSON: every step has its score and checkpoints (one-based lines), the checks neither, the file its readiness', () => {
    const [result] = toJsonResults(runReport([fileReport('docs/thin.md', thin)]));
    expect(Object.keys(result!)).toEqual(['file', 'coverage', 'readiness', 'diagnostics']);
    expect(result!.readiness).toBe(thin.readiness);
    expect(result!.readiness).toBe(readiness(thin.coverage, config.rubric));
    for (const id of STEP_IDS) {
      const entry = result!.coverage![id]!;
      const engineEntry = thin.coverage[id]!;
      expect(entry.score).toBe(engineEntry.score ?? scoreStep(engineEntry.status, engineEntry.checkpoints));
      expect(entry.checkpoints!.map((c) => c.id)).toEqual((engineEntry.checkpoints ?? []).map((c) => c.id));
      for (const [i, checkpoint] of entry.checkpoints!.entries()) {
        const source = engineEntry.checkpoints![i]!;
        expect(Object.keys(checkpoint).sort()).toEqual(source.met && source.line !== undefined ? ['id', 'line', 'met', 'title'] : ['id', 'met', 'title']);
        if (checkpoint.line !== undefined) expect(checkpoint.line).toBe(source.line! + 1);
      }
    }
    for (const id of CHECK_IDS) {
      expect(result!.coverage![id]).not.toHaveProperty('score');
      expect(result!.coverage![id]).not.toHaveProperty('checkpoints');
    }
    const scale = result!.coverage!.clarify!.checkpoints!.find((c) => c.id === 'scale')!;
    expect(scale).toMatchObject({ met: true, line: 5 });
    expect(result!.coverage!.model).toMatchObject({ status: 'thin', score: 1 });
    expect(result!.coverage!.data).toMatchObject({ status: 'missing', score: 0 });
  });

  it('JSON: a file that could not be checked has no coverage and no readiness', () => {
    const results = toJsonResults(runReport([{ path: '/work/x.md', displayPath: 'x.md', error: 'unreadable', findings: [], fixedCount: 0, fixableCount: 0 }]));
    expect(results).toEqual([{ file: 'x.md', diagnostics: [], error: 'unreadable' }]);
  });

  it('text: the readiness, then one line per step with its score and the checkpoints it lacks; the checks without a score', () => {
    const text = formatText(runReport([fileReport('docs/thin.md', thin)]), paletteFor(false));
    const lines = text.split('\n');
    expect(lines).toContain(`  readiness ${thin.readiness}/100 (not ready)`);
    const lacking = (id: string) =>
      thin.coverage[id]!.checkpoints!.filter((c) => !c.met)
        .map(checkpointLabel)
        .join(', ');
    const model = lines.find((line) => line.includes('Model development'))!;
    expect(model).toMatch(/^ {2}1\/3 \[~\] Model development\s+thin, line 7, /);
    expect(model.endsWith(`; lacks: ${lacking('model')}`)).toBe(true);
    expect(lacking('model')).toMatch(/^baseline, model choice, .*loss, training cadence$/);
    const clarify = lines.find((line) => line.includes('Clarify requirements'))!;
    expect(clarify.startsWith(`  ${thin.coverage.clarify!.score}/3 `)).toBe(true);
    expect(clarify.endsWith(`lacks: ${lacking('clarify')}`)).toBe(true);
    expect(clarify).not.toMatch(/lacks:.*scale in numbers/);
    expect(lines.find((line) => line.includes('Data preparation'))).toMatch(/^ {2}0\/3 \[ \] Data preparation\s+missing.*lacks: data sources/);
    expect(lines.find((line) => line.includes('Offline/online metric gap'))).toMatch(/^ {6}\[ \] Offline\/online metric gap\s+missing/);
    // One line per step and check, no more.
    expect(lines.filter((line) => /^ {2}(?:\d\/3| {3}) \[[x~ ]\] /.test(line))).toHaveLength(STEP_IDS.length + CHECK_IDS.length);
  });

  it('text: --quiet prints no coverage and no readiness', () => {
    const text = formatText(runReport([fileReport('docs/thin.md', thin)], true), paletteFor(false));
    expect(text).not.toContain('readiness');
    expect(text).not.toContain('[~]');
  });

  it('text: a strong step lacks nothing and says so by listing nothing', async () => {
    const example = await engine.lint(readFileSync(WORKED_EXAMPLE, 'utf8'), { config });
    const text = formatText(runReport([fileReport('examples/video.md', example)]), paletteFor(false));
    const strong = STEP_IDS.filter((id) => example.coverage[id]!.checkpoints!.every((c) => c.met));
    expect(strong.length).toBeGreaterThan(0);
    for (const id of strong) {
      const title = config.rubric.steps.find((s) => s.id === id)!.title;
      expect(text.split('\n').find((line) => line.includes(` ${title} `) || line.endsWith(` ${title}`))).not.toContain('lacks:');
    }
  });

  it('SARIF: each artifact carries the readiness and the coverage in the JSON shape, and the log stays valid', () => {
    const log = toSarif(runReport([fileReport('docs/thin.md', thin)]), ALL_RULES, { name: 'mlsd-lint', version: '0.0.0', ruleHelpUri: (id) => `https://example.com/${id}` }, '/work');
    const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(sarifSchema);
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    const [json] = toJsonResults(runReport([fileReport('docs/thin.md', thin)]));
    expect(log.runs[0]!.artifacts![0]!.properties).toEqual({ readiness: json!.readiness, coverage: json!.coverage });
  });
});

describe('thin-step message', () => {
  it('opens with a short clause naming what the step lacks', () => {
    expect(
      thinClause(
        'Model',
        [
          { id: 'baseline', title: 'A simple baseline' },
          { id: 'loss', title: 'Loss function' },
          { id: 'training-cadence', title: 'x' },
        ],
        'r',
      ),
    ).toBe('"Model" is thin: no baseline, loss or training cadence yet');
    const many = ['what-monitored', 'alerts', 'retraining-triggers', 'feedback-loops', 'failure-modes'].map((id) => ({ id, title: id }));
    const long = thinClause('7. Monitoring, alerting and the long tail of everything that can go wrong', many, 'r');
    expect(long.length).toBeLessThan(100);
    expect(long).toMatch(/^"7\. Monitoring, alerting.*…" is thin: no what is monitored, .* and \d more yet$/);
    expect(thinClause('Model', [], 'section "Model" is empty')).toBe('"Model" is thin: section "Model" is empty');
  });

  it('names a custom checkpoint by its title up to the first parenthesis or comma', () => {
    expect(checkpointLabel({ id: 'owner', title: 'Owner (team and on-call)' })).toBe('owner');
    expect(checkpointLabel({ id: 'x', title: 'The SLA, per region' })).toBe('SLA');
    expect(checkpointLabel({ id: 'ab-test', title: 'A/B test design' })).toBe('A/B test');
    expect(nameList(['a', 'b'], 50)).toBe('a or b');
    expect(nameList(['alpha', 'beta', 'gamma'], 18)).toBe('alpha and 2 more');
  });

  it('the engine reports it with that clause first, under the limit, for every thin step of a template doc', async () => {
    for (const name of ['video-recommendation.md', 'generic.md', 'ad-click-prediction.md']) {
      const result = await engine.lint(readFileSync(join(repoRoot, 'templates', name), 'utf8'), { config });
      for (const finding of result.findings.filter((f) => f.ruleId === 'thin-step')) {
        const at = finding.message.indexOf('" is thin: ');
        expect(at, finding.message).toBeGreaterThan(0);
        const end = finding.message.indexOf('. ', at);
        const first = end < 0 ? finding.message : finding.message.slice(0, end);
        expect(first.length, finding.message).toBeLessThanOrEqual(FIRST_CLAUSE_MAX);
        expect(first).toMatch(/^".+" is thin: /);
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
// The bundled CLI, as a subprocess.

let workDir: string;

function runCli(args: string[]): { status: number; stdout: string; stderr: string } {
  const env = { ...process.env };
  delete env.FORCE_COLOR;
  delete env.NO_COLOR;
  const result = spawnSync(process.execPath, [cliPath, ...args], { cwd: workDir, encoding: 'utf8', timeout: 60_000, env });
  if (result.error) throw result.error;
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

function write(relative: string, content: string): string {
  const file = join(workDir, relative);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, content);
  return file;
}

describe('the CLI (subprocess)', () => {
  beforeAll(() => {
    if (process.env.MLSD_SKIP_BUILD !== '1' || !existsSync(cliPath)) {
      execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: repoRoot, stdio: 'pipe', timeout: 240_000 });
    }
    workDir = mkdtempSync(join(tmpdir(), 'mlsd-judgment-'));
    // Diagrams are not what these tests are about: on a loaded machine the mermaid worker's time limit could fail a file.
    write('.mlsdrc.json', JSON.stringify({ rules: { 'mermaid-syntax': 'off' } }));
    write('docs/thin.md', THIN_DOC);
    write('docs/example.md', readFileSync(WORKED_EXAMPLE, 'utf8'));
  }, 300_000);

  afterAll(() => {
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('JSON: scores, checkpoints and readiness; a worked example is ready, a thin doc is not', () => {
    const run = runCli(['--format', 'json', 'docs/example.md', 'docs/thin.md']);
    expect(run.stderr).toBe('');
    const results = JSON.parse(run.stdout) as JsonFileResult[];
    const [example, thin] = results;
    expect(example!.readiness).toBeGreaterThanOrEqual(85);
    expect(thin!.readiness).toBeLessThan(35);
    const exampleLines = readFileSync(WORKED_EXAMPLE, 'utf8').split('\n').length;
    for (const id of STEP_IDS) {
      const entry = example!.coverage![id]!;
      expect([0, 1, 2, 3]).toContain(entry.score);
      expect(entry.checkpoints!.length).toBeGreaterThan(0);
      for (const checkpoint of entry.checkpoints!) {
        expect(typeof checkpoint.title).toBe('string');
        if (checkpoint.met) expect(checkpoint.line).toBeGreaterThanOrEqual(1);
        if (checkpoint.met) expect(checkpoint.line).toBeLessThanOrEqual(exampleLines);
        else expect(checkpoint).not.toHaveProperty('line');
      }
    }
    expect(thin!.coverage!.clarify!.checkpoints!.find((c) => c.id === 'scale')).toEqual({ id: 'scale', title: expect.any(String), met: true, line: 5 });
  });

  it('text: readiness and a scored line per step', () => {
    const run = runCli(['docs/thin.md']);
    expect(run.stdout).toMatch(/^ {2}readiness \d+\/100 \(not ready\)$/m);
    expect(run.stdout).toMatch(/^ {2}1\/3 \[~\] Model development .*lacks: baseline/m);
    const json = JSON.parse(runCli(['--format', 'json', 'docs/thin.md']).stdout) as JsonFileResult[];
    const lacking = json[0]!.coverage!.model!.checkpoints!.filter((c) => !c.met);
    expect(run.stdout).toContain(`"Model" is thin: ${thinClause('Model', lacking, '').slice('"Model" is thin: '.length)}. `);
    expect(run.stdout).toMatch(/"Model" is thin: no baseline, model choice, .*loss or training cadence yet\. /);
  });

  it('SARIF: the artifact properties match the JSON', () => {
    const log = JSON.parse(runCli(['--format', 'sarif', 'docs/thin.md']).stdout) as Log;
    const json = JSON.parse(runCli(['--format', 'json', 'docs/thin.md']).stdout) as JsonFileResult[];
    expect(log.runs[0]!.artifacts![0]!.properties).toEqual({ readiness: json[0]!.readiness, coverage: json[0]!.coverage });
  });

  it('--fix never inserts checkpoint prompts into a thin step', () => {
    const file = write('fix/thin.md', THIN_DOC);
    const run = runCli(['--fix', 'fix/thin.md']);
    expect(run.stdout, run.stderr).toMatch(/\d+ fixed/);
    const fixed = readFileSync(file, 'utf8');
    expect(fixed).not.toBe(THIN_DOC); // --fix did insert the missing steps' sections...
    // ...but the thin Model section holds what it held: no prompt per missing checkpoint.
    const model = /^## Model\n([\s\S]*?)(?=^#{1,2} |(?![\s\S]))/m.exec(fixed)![1]!;
    expect(model.trim()).toBe('- Baseline: {{what simple model do you compare against?}}');
  });
});
