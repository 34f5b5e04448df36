// Runs the bundled CLI (dist/cli.js) as a subprocess, the way users and CI run it.
import { spawnSync, execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { Log } from 'sarif';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sarifSchema from '@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json';
import packageJson from '../../package.json';
import { ALL_RULES } from '../../server/src/engine/rules';
import type { JsonFileResult } from '../../server/src/cli/format-json';
import { startLintWorker } from '../../server/src/cli/worker-start';

const repoRoot = resolve(__dirname, '..', '..');
const cliPath = join(repoRoot, 'dist', 'cli.js');
const STEP_AND_CHECK_IDS = ['clarify', 'framing', 'data', 'model', 'evaluation', 'serving', 'monitoring', 'metric-gap', 'latency-budget'];

// A doc that covers every step, the metric gap and a latency budget: only hints/information may remain.
const COMPLETE_DOC = `# Video recommendation

## 1. Clarifying requirements

Business objective: increase watch time. We have 200 million daily active users and serve 50k QPS at peak.
Questions: which surfaces, which regions, what privacy constraints? We assume data from one year of logs.

## 2. Frame the problem as an ML task

The ML objective is to predict the probability that a user watches a video for more than 30 seconds.
Input: user and video features. Output: a probability used to rank. This is a learning to rank problem, pointwise.

## 3. Data preparation

Data sources: the video catalogue, user profiles and the interaction logs in the data lake (batch), plus real-time events through Kafka (streaming).
Labels are natural labels from watches; negatives come from impressions without a click (negative sampling). Class imbalance is handled by downsampling.
Features: user history embeddings, video metadata, user-video interactions and context (time of day, device).

## 4. Model development

Baseline: popularity ranking, then logistic regression. The production model is a two-stage funnel: two-tower candidate generation over millions of videos, then a gradient-boosted ranker over 500 candidates.
Loss: binary cross-entropy. Retrained daily from the last 30 days of logs, with continual fine-tuning every 6 hours.

## 5. Evaluation

Offline metrics: NDCG@10, recall@100, log loss. Online metrics: watch time, CTR, hide rate, measured with A/B tests.
Offline and online results disagree: logged data comes from the old model (position and selection bias) and clicks are a proxy for satisfaction, so we use interleaving and guardrail metrics before a full A/B test.

## 6. Deployment and serving

Online prediction behind a ranking service. The latency budget is p99 < 200 ms end to end: candidate generation 50 ms, ranking 100 ms.
Rollout goes shadow, then canary, then an A/B test.

\`\`\`mermaid
flowchart LR
  A[Client] --> B[Candidate generation]
  B --> C[Ranker]
  C --> A
\`\`\`

## 7. Monitoring

We monitor data drift, prediction drift and feature freshness, alert on calibration decay, and retrain when the model decays.
What goes wrong: a stale feature store degrades ranking; we fall back to popularity.
`;

const THIN_DOC = `# My doc

## Requirements

We need 100M DAU.

## Model

TBD
`;

const BROKEN_MERMAID = `${COMPLETE_DOC}
\`\`\`mermaid
flowchart LR
  A -->
  this is not mermaid ]]]
\`\`\`
`;

interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

let workDir: string;

function runCli(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): CliRun {
  const result = spawnSync(process.execPath, [cliPath, ...args], {
    cwd: options.cwd ?? workDir,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...uncolouredEnv(), ...options.env },
  });
  if (result.error) throw result.error;
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** The test runner may force colours for itself; the CLI should see a plain, non-TTY environment unless a test says otherwise. */
function uncolouredEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.FORCE_COLOR;
  delete env.NO_COLOR;
  return env;
}

function runJson(args: string[], options?: { cwd?: string }): { run: CliRun; results: JsonFileResult[] } {
  const run = runCli(['--format', 'json', ...args], options);
  return { run, results: JSON.parse(run.stdout) as JsonFileResult[] };
}

function write(relative: string, content: string | Buffer): string {
  const file = join(workDir, relative);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, content);
  return file;
}

beforeAll(() => {
  // The CLI under test is the shipped bundle, so build it the way `npm run build` does.
  // MLSD_SKIP_BUILD=1 reuses an existing dist/cli.js (handy while iterating on tests only).
  if (process.env.MLSD_SKIP_BUILD !== '1' || !existsSync(cliPath)) {
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: repoRoot, stdio: 'pipe', timeout: 240_000 });
  }
  workDir = mkdtempSync(join(tmpdir(), 'mlsd-cli-'));
  write('docs/complete.md', COMPLETE_DOC);
  write('docs/thin.md', THIN_DOC);
}, 300_000);

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('usage', () => {
  it('prints help with the exit codes, and the version', () => {
    const help = runCli(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: mlsd-lint');
    expect(help.stdout).toMatch(/Exit codes:[\s\S]*0 [\s\S]*1 [\s\S]*2 /);
    // Every short flag the parser accepts is documented next to its long form.
    for (const flags of ['-f, --format', '-c, --config', '-q, --quiet', '-h, --help', '-v, --version']) expect(help.stdout).toContain(flags);
    const short = runCli(['-f', 'json', '-q', 'docs/thin.md']);
    expect(short.status).toBe(0);
    expect((JSON.parse(short.stdout) as JsonFileResult[]).map((r) => r.file)).toEqual(['docs/thin.md']);
    const version = runCli(['--version']);
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toBe(packageJson.version);
  });

  it.each([
    [[], 'no files'],
    [['--fxi', 'docs'], "Unknown option '--fxi'"],
    [['--format', 'xml', 'docs'], '--format must be one of text, json, sarif'],
    [['--max-warnings', 'lots', 'docs'], '--max-warnings needs a whole number'],
    [['--config', 'nope.json', 'docs'], '--config: no such file: nope.json'],
  ])('exits 2 with a message for %j', (args, message) => {
    const run = runCli(args);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
  });
});

describe('the lint worker of the bundle', () => {
  it('refuses a file sent before its settings (an error, which the pool answers as a checker that could not start)', async () => {
    const worker = startLintWorker(join(repoRoot, 'dist', 'cli-main.js'));
    try {
      const failure = new Promise<Error>((resolve) => worker.once('error', resolve));
      worker.postMessage({ path: join(workDir, 'docs/thin.md'), cwd: workDir, fix: false });
      expect((await failure).message).toMatch(/a lint worker needs its settings first/);
    } finally {
      await worker.terminate();
    }
  }, 30_000);
});

describe('text output and exit codes', () => {
  it('shows the coverage checklist and findings per file and exits 0 when nothing is at error severity', () => {
    const run = runCli(['docs/thin.md']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('docs/thin.md');
    expect(run.stdout).toMatch(/\[~\] Clarify requirements\s+thin, line 3/);
    expect(run.stdout).toMatch(/\[ \] Data preparation\s+missing/);
    expect(run.stdout).toMatch(/7:1\s+warning\s+.*thin-step/);
    expect(run.stdout).toMatch(/1 file checked; 0 errors, \d+ warnings/);
    expect(run.stdout).not.toContain('\u001b[');
  });

  it('colours only when asked (FORCE_COLOR) and never with NO_COLOR', () => {
    expect(runCli(['docs/thin.md'], { env: { FORCE_COLOR: '1' } }).stdout).toContain('\u001b[');
    expect(runCli(['docs/thin.md'], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout).not.toContain('\u001b[');
  });

  it('exits 1 for a finding at error severity and 1 over --max-warnings', () => {
    write('errors/broken.md', BROKEN_MERMAID);
    const broken = runCli(['errors/broken.md']);
    expect(broken.status).toBe(1);
    expect(broken.stdout).toMatch(/error\s+.*mermaid-syntax/);

    const overWarnings = runCli(['--max-warnings', '0', 'docs/thin.md']);
    expect(overWarnings.status).toBe(1);
    expect(runCli(['--max-warnings', '1000', 'docs/thin.md']).status).toBe(0);
  });

  it('exits 2 and names the rule when a rule fails, instead of reporting the file as clean', () => {
    // Without the mermaid worker the CLI bundle cannot parse diagrams, so mermaid-syntax throws.
    write('errors/no-worker.md', BROKEN_MERMAID);
    const env = { MLSD_MERMAID_WORKER: '/nonexistent/mermaid-worker.js' };
    const run = runCli(['errors/no-worker.md'], { env });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/errors\/no-worker\.md: not fully checked \(rule mermaid-syntax failed: .*mermaid-worker\/worker\.mjs/);
    expect(run.stdout).toMatch(/0 files checked; .*1 file not checked/);

    const json = runCli(['--format', 'json', 'errors/no-worker.md'], { env });
    expect(json.status).toBe(2);
    const [result] = JSON.parse(json.stdout) as JsonFileResult[];
    expect(result).toMatchObject({ file: 'errors/no-worker.md', diagnostics: [] });
    expect(result!.error).toMatch(/^not fully checked \(rule mermaid-syntax failed: /);
  });

  it('--quiet reports errors only, without the checklist', () => {
    const quiet = runCli(['--quiet', 'docs/thin.md']);
    expect(quiet.status).toBe(0);
    expect(quiet.stdout).not.toContain('warning ');
    expect(quiet.stdout).not.toContain('[~]');
    const quietErrors = runCli(['--quiet', 'errors/broken.md']);
    expect(quietErrors.stdout).toMatch(/error\s+.*mermaid-syntax/);
  });
});

describe('JSON output (public contract)', () => {
  it('lists coverage for the seven steps and both checks, with 1-based lines omitted when missing', () => {
    const { run, results } = runJson(['docs/thin.md', 'docs/complete.md']);
    expect(run.status).toBe(0);
    expect(results.map((r) => r.file)).toEqual(['docs/complete.md', 'docs/thin.md']);
    for (const result of results) {
      expect(Object.keys(result.coverage!)).toEqual(STEP_AND_CHECK_IDS);
      for (const entry of Object.values(result.coverage!)) {
        expect(['present', 'thin', 'missing']).toContain(entry.status);
        if (entry.status === 'missing') expect(entry).not.toHaveProperty('line');
        else expect(entry.line).toBeGreaterThanOrEqual(1);
      }
    }
    const complete = results[0]!;
    for (const id of STEP_AND_CHECK_IDS) expect(complete.coverage![id]!.status, id).toBe('present');
    expect(complete.coverage!.clarify).toMatchObject({ status: 'present', line: 3, score: expect.any(Number), checkpoints: expect.any(Array) });
    expect(complete.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning')).toEqual([]);

    const thin = results[1]!;
    expect(thin.coverage!.clarify).toMatchObject({ status: 'thin', line: 3, score: 1 });
    expect(thin.coverage!.data).toMatchObject({ status: 'missing', score: 0 });
    expect(thin.coverage!.data).not.toHaveProperty('line');
    const thinStep = thin.diagnostics.find((d) => d.rule === 'thin-step' && d.line === 7);
    expect(thinStep).toMatchObject({ severity: 'warning', line: 7, column: 1, endLine: 7 });
    for (const diagnostic of thin.diagnostics) {
      expect(
        Object.keys(diagnostic)
          .filter((key) => key !== 'detail')
          .sort(),
      ).toEqual(['column', 'endColumn', 'endLine', 'line', 'message', 'rule', 'severity']);
      expect(diagnostic.message.length).toBeLessThanOrEqual(100);
      expect(diagnostic.line).toBeGreaterThanOrEqual(1);
      expect(diagnostic.column).toBeGreaterThanOrEqual(1);
      expect(ALL_RULES.map((rule) => rule.id)).toContain(diagnostic.rule);
    }
    // Five steps missing, at two places: one finding at each, naming the steps, with the rest in the detail.
    const missing = thin.diagnostics.filter((d) => d.rule === 'missing-step');
    expect(
      missing
        .map((d) => d.message.match(/^Missing (\d+) steps?/)?.[1] ?? '1')
        .map(Number)
        .reduce((a, b) => a + b, 0),
    ).toBe(5);
    expect(missing.every((d) => typeof d.detail === 'string' && d.detail.length > 0)).toBe(true);
  });
});

describe('SARIF output', () => {
  it('is valid SARIF 2.1.0 with rule metadata and one-based regions matching the JSON output', () => {
    const run = runCli(['--format', 'sarif', 'docs/thin.md', 'errors/broken.md']);
    expect(run.status).toBe(1);
    const log = JSON.parse(run.stdout) as Log;

    const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(sarifSchema);
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);

    const sarifRun = log.runs[0]!;
    const rules = sarifRun.tool.driver.rules!;
    expect(rules.map((rule) => rule.id)).toEqual(ALL_RULES.map((rule) => rule.id));
    for (const rule of rules) {
      expect(rule.shortDescription!.text).toBeTruthy();
      expect(rule.fullDescription!.text).toBeTruthy();
      expect(rule.helpUri).toMatch(new RegExp(`${rule.id}\\.md$`));
      expect(['error', 'warning', 'note']).toContain(rule.defaultConfiguration!.level);
    }
    expect(rules.find((rule) => rule.id === 'mermaid-syntax')!.defaultConfiguration!.level).toBe('error');

    const { results: json } = runJson(['docs/thin.md']);
    const thinResults = sarifRun.results!.filter((result) => result.locations![0]!.physicalLocation!.artifactLocation!.uri === 'docs/thin.md');
    expect(thinResults).toHaveLength(json[0]!.diagnostics.length);
    for (const [index, result] of thinResults.entries()) {
      const diagnostic = json[0]!.diagnostics[index]!;
      const region = result.locations![0]!.physicalLocation!.region!;
      expect(result.ruleId).toBe(diagnostic.rule);
      expect(rules[result.ruleIndex!]!.id).toBe(result.ruleId);
      expect(region).toEqual({ startLine: diagnostic.line, startColumn: diagnostic.column, endLine: diagnostic.endLine, endColumn: diagnostic.endColumn });
      expect(result.locations![0]!.physicalLocation!.artifactLocation!.uriBaseId).toBe('%SRCROOT%');
    }
    expect(sarifRun.results!.some((result) => result.ruleId === 'mermaid-syntax' && result.level === 'error')).toBe(true);
    expect(sarifRun.invocations![0]!.executionSuccessful).toBe(true);
  });

  it('reports files it could not check as tool notifications', () => {
    const run = runCli(['--format', 'sarif', 'docs/thin.md', 'missing.md']);
    expect(run.status).toBe(2);
    const log = JSON.parse(run.stdout) as Log;
    const invocation = log.runs[0]!.invocations![0]!;
    expect(invocation.executionSuccessful).toBe(false);
    expect(invocation.toolExecutionNotifications![0]!.message.text).toContain('missing.md');
  });
});

describe('--fix', () => {
  it('applies the fixes to the file, writes it and reports what remains', () => {
    const file = write('fix/doc.md', THIN_DOC);
    const before = runJson(['fix/doc.md']).results[0]!;
    const run = runCli(['--fix', 'fix/doc.md']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/fixed \d+ problems?/);
    const fixed = readFileSync(file, 'utf8');
    expect(fixed).not.toBe(THIN_DOC);
    expect(fixed.startsWith('# My doc\n\n## Requirements\n\nWe need 100M DAU.\n')).toBe(true);
    expect(fixed).toMatch(/^## .*Data preparation/m);

    const after = runJson(['fix/doc.md']).results[0]!;
    expect(after.diagnostics.filter((d) => d.rule === 'missing-step')).toEqual([]);
    // What remains is the writer's to do: the inserted sections' {{placeholders}} and prompts (the
    // budget table's {{…}} values among them).
    expect(before.diagnostics.filter((d) => d.rule === 'missing-step').length).toBeGreaterThan(0);
    expect(after.diagnostics.filter((d) => !['unfilled-placeholder', 'thin-step', 'latency-budget', 'metric-gap'].includes(d.rule))).toEqual([]);
    // The inserted gap subsection is prompts: it reads as not yet answered, not as missing.
    expect(after.diagnostics.filter((d) => d.rule === 'metric-gap').every((d) => /does not yet say/.test(d.message))).toBe(true);
    expect(after.diagnostics.filter((d) => d.rule === 'latency-budget').every((d) => /placeholder/.test(d.message))).toBe(true);
    expect(after.diagnostics.some((d) => d.rule === 'unfilled-placeholder')).toBe(true);
    // A second run has nothing left to fix and leaves the file alone.
    runCli(['--fix', 'fix/doc.md']);
    expect(readFileSync(file, 'utf8')).toBe(fixed);
  });

  it('keeps a byte order mark', () => {
    const file = write('fix/bom.md', `\uFEFF${THIN_DOC}`);
    const run = runCli(['--fix', 'fix/bom.md']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/fixed \d+ problems?/);
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.startsWith('# My doc\n\n## Requirements\n\nWe need 100M DAU.\n')).toBe(true);
    // The fixes were applied, not just the file rewritten: a missing section was inserted, and no second BOM.
    expect(text).toMatch(/^## .*Data preparation/m);
    expect(text).not.toContain('\uFEFF');
  });
});

describe('inputs: folders, globs and bad files', () => {
  it('expands folders to **/*.md, skipping node_modules and dot-folders, and expands globs', () => {
    write('tree/a.md', THIN_DOC);
    write('tree/sub/b.md', THIN_DOC);
    write('tree/notes.txt', 'not markdown');
    write('tree/node_modules/pkg/readme.md', THIN_DOC);
    write('tree/.cache/c.md', THIN_DOC);
    const folder = runJson(['tree']).results.map((r) => r.file);
    expect(folder).toEqual(['tree/a.md', 'tree/sub/b.md']);
    const glob = runJson(['tree/**/b.md']).results.map((r) => r.file);
    expect(glob).toEqual(['tree/sub/b.md']);
  });

  it('reports a missing path, a glob matching nothing, a binary file and a non-UTF-8 file, and still checks the rest', () => {
    copyFileSync(join(workDir, 'docs/thin.md'), join(workDir, 'docs/copy.md'));
    write('bad/image.md', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]));
    write('bad/latin1.md', Buffer.from('# R\xe9sum\xe9\n\nCaf\xe9\n', 'latin1'));
    const { run, results } = runJson(['docs/copy.md', 'nope/missing.md', 'nothing/**/*.md', 'bad/image.md', 'bad/latin1.md']);
    expect(run.status).toBe(2);
    const byFile = new Map(results.map((r) => [r.file, r]));
    expect(byFile.get('docs/copy.md')!.coverage).toBeDefined();
    expect(byFile.get('nope/missing.md')!.error).toBe('no such file or folder');
    expect(byFile.get('nothing/**/*.md')!.error).toBe('no files match this pattern');
    expect(byFile.get('bad/image.md')!.error).toContain('binary');
    expect(byFile.get('bad/latin1.md')!.error).toContain('not valid UTF-8');
    expect(run.stderr).toContain('nope/missing.md: no such file or folder');
    expect(run.stderr).toContain('bad/image.md: looks like a binary file');
  });

  it('skips a 10 MB file with a clear message, quickly', () => {
    const line = 'Lorem ipsum dolor sit amet, the ranking model serves candidates within the budget.\n';
    write('big/huge.md', `# Huge\n\n${line.repeat(Math.ceil((10 * 1024 * 1024) / line.length))}`);
    const started = Date.now();
    const text = runCli(['big/huge.md', 'docs/thin.md']);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(text.status).toBe(2);
    expect(text.stderr).toMatch(/big\/huge\.md: file is 10\.0 MB, over the 5 MB limit/);
    expect(text.stdout).toContain('docs/thin.md');
    expect(text.stdout).toContain('1 file not checked');
  });
});

describe('pathological Markdown', () => {
  it('gives up on a file that takes longer than --file-timeout and still checks the others', () => {
    // A 300,000-line paragraph keeps the Markdown parser busy for seconds (pathological nesting no
    // longer does: parse.ts switches those constructs off).
    write('slow/quotes.md', 'word\n'.repeat(300_000));
    const started = Date.now();
    const { run, results } = runJson(['--file-timeout', '0.5', 'slow/quotes.md', 'docs/thin.md']);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(run.status).toBe(2);
    expect(results.find((r) => r.file === 'slow/quotes.md')!.error).toMatch(/took longer than 0\.5 s/);
    expect(results.find((r) => r.file === 'docs/thin.md')!.coverage).toBeDefined();
  });

  it('rejects a bad --file-timeout', () => {
    const run = runCli(['--file-timeout', '0', 'docs/thin.md']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--file-timeout needs a number of seconds above 0');
  });
});

describe('configuration', () => {
  it('applies the nearest config and names the file and key of each problem', () => {
    write('configured/.mlsdrc.json', JSON.stringify({ rules: { 'thin-step': 'off', 'missing-stp': 'error', 'metric-gap': 'loud' } }));
    write('configured/doc.md', THIN_DOC);
    const { run, results } = runJson(['configured/doc.md']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('configured/.mlsdrc.json: rules.missing-stp: unknown rule (did you mean "missing-step"?)');
    expect(run.stderr).toContain('configured/.mlsdrc.json: rules.metric-gap: must be one of error, warning, information, hint, off; got "loud"');
    // The valid part still applies.
    expect(results[0]!.diagnostics.some((d) => d.rule === 'thin-step')).toBe(false);
    expect(results[0]!.diagnostics.some((d) => d.rule === 'missing-step')).toBe(true);
  });

  it('reports invalid JSON in a config with its line and still checks the file with the defaults', () => {
    write('badconfig/.mlsdrc.json', '{\n  "rules": {\n    "thin-step": "off",\n  }\n}\n');
    write('badconfig/doc.md', THIN_DOC);
    const { run, results } = runJson(['badconfig/doc.md']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/badconfig\/\.mlsdrc\.json: invalid JSON at line 4, column 3/);
    expect(results[0]!.diagnostics.some((d) => d.rule === 'thin-step')).toBe(true);
  });

  it('--config uses one file for every document, YAML included, and can raise severities to errors', () => {
    write('alt/strict.yaml', 'rules:\n  missing-step: error\nvocabulary:\n  data:\n    - "Storage layout"\n');
    write('alt/doc.md', `${THIN_DOC}\n## Storage layout\n\nTables are partitioned by day and user, with two years of click logs kept in the lake for training.\n`);
    const { run, results } = runJson(['--config', 'alt/strict.yaml', 'alt/doc.md']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(results[0]!.diagnostics.find((d) => d.rule === 'missing-step')!.severity).toBe('error');
    expect(results[0]!.coverage!.data!.status).not.toBe('missing');
  });

  it('applies a custom template', () => {
    const template = {
      template: {
        name: 'RFC',
        sections: [
          { id: 'context', title: 'Context', headings: ['context'] },
          { id: 'decision', title: 'Decision', headings: ['decision'] },
        ],
      },
    };
    write('rfc/.mlsdrc.json', JSON.stringify(template));
    write('rfc/doc.md', '# RFC 12\n\n## Context\n\nWe store events in two systems and they drift apart every week, which breaks reporting.\n');
    const { results } = runJson(['rfc/doc.md']);
    expect(Object.keys(results[0]!.coverage!)).toEqual(['context', 'decision']);
    expect(results[0]!.coverage!.decision).toEqual({ status: 'missing', score: 0, checkpoints: [] });
  });
});
