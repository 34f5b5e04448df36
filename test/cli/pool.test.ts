// The parallel command line: files are checked on a pool of workers, one per core but one, and the output
// is the same whatever the number of workers and whichever finished first. Also `--format github`
// (workflow commands for GitHub Actions annotations) and `--sarif-file`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDesignDoc } from '../../scripts/bench';
import { parseCliArgs } from '../../server/src/cli/args';
import { escapeData, escapeProperty, formatGithub } from '../../server/src/cli/format-github';
import { jobsFor, poolSize } from '../../server/src/cli/pool';
import type { RunReport } from '../../server/src/cli/report';

const repoRoot = resolve(__dirname, '..', '..');
let bundleDir: string;
let cli: string;
let work: string;

function runCli(args: string[], cwd = work) {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 120_000, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' } });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  // The packaged CLI, built into a folder of the test's own (others may be rebuilding dist/).
  bundleDir = mkdtempSync(join(tmpdir(), 'mlsd-pool-bundle-'));
  execFileSync(process.execPath, [join(repoRoot, 'scripts/build.mjs'), '--server-package', bundleDir], { cwd: repoRoot, stdio: 'pipe', timeout: 240_000 });
  cli = join(bundleDir, 'bin', 'mlsd-lint.js');
  work = mkdtempSync(join(tmpdir(), 'mlsd-pool-'));
  // Docs of very different sizes, so workers finish out of order; thin ones too, so each has findings.
  for (let i = 0; i < 14; i++) {
    const lines = i % 5 === 0 ? 3_000 : 60 + i * 10;
    const text = i % 3 === 0 ? `# Doc ${i}\n\n## Clarify requirements\n\nWe rank posts.\n` : generateDesignDoc(lines, 100 + i);
    mkdirSync(join(work, 'docs', `group-${i % 4}`), { recursive: true });
    writeFileSync(join(work, 'docs', `group-${i % 4}`, `doc-${i}.md`), text);
  }
}, 300_000);

afterAll(() => {
  for (const dir of [work, bundleDir]) if (dir) rmSync(dir, { recursive: true, force: true });
});

/**
 * Runs the CLI with its mermaid worker wrapped to note each start in `dir`/starts.log (validate.ts
 * honours MLSD_MERMAID_WORKER); the log does not exist when mermaid never started.
 */
function runCountingMermaidStarts(dir: string, args: string[]) {
  const log = join(dir, 'starts.log');
  const wrapper = join(dir, 'worker-wrapper.mjs');
  writeFileSync(
    wrapper,
    `import { appendFileSync } from 'node:fs';\nappendFileSync(${JSON.stringify(log)}, 'start\\n');\nawait import(${JSON.stringify(pathToFileURL(join(bundleDir, 'dist', 'mermaid-worker', 'worker.mjs')).href)});\n`,
  );
  const run = spawnSync(process.execPath, [cli, ...args], { cwd: work, encoding: 'utf8', timeout: 120_000, env: { ...process.env, MLSD_MERMAID_WORKER: wrapper } });
  return { log, run };
}

describe('the worker pool', () => {
  it('prints the same report, in the same order, with one worker or four', () => {
    for (const format of ['json', 'text', 'sarif', 'github']) {
      const serial = runCli(['--concurrency', '1', '--format', format, 'docs']);
      const parallel = runCli(['--concurrency', '4', '--format', format, 'docs']);
      expect(parallel.stdout, format).toBe(serial.stdout);
      if (format === 'json') expect(runCli(['--format', format, 'docs']).stdout).toBe(serial.stdout); // the default size
      expect(parallel.status).toBe(serial.status);
    }
    const files = (JSON.parse(runCli(['--format', 'json', 'docs']).stdout) as { file: string }[]).map((r) => r.file);
    expect(files).toEqual([...files].sort());
    expect(files).toHaveLength(14);
  }, 120_000);

  it('keeps the per-file timeout on every worker, and checks the other files', () => {
    writeFileSync(join(work, 'slow.md'), 'word\n'.repeat(300_000));
    // Small docs besides the slow one: each worker warms up first (short timeout), so they fit in 1 s even on a busy machine.
    const { status, stdout } = runCli(['--concurrency', '2', '--file-timeout', '1', '--format', 'json', 'slow.md', 'docs/group-1/doc-1.md', 'docs/group-3/doc-3.md', 'docs/group-2/doc-2.md']);
    const results = JSON.parse(stdout) as { file: string; error?: string; coverage?: unknown }[];
    expect(status).toBe(2);
    expect(results.find((r) => r.file === 'slow.md')!.error).toMatch(/took longer than 1 s/);
    expect(results.filter((r) => r.file !== 'slow.md').every((r) => r.coverage !== undefined)).toBe(true);
    rmSync(join(work, 'slow.md'));
  }, 120_000);

  it('sends the files queued behind one that times out to a fresh worker', () => {
    // One worker, sent its next file before it answers: the files after the slow one were already
    // sent to the worker that is stopped, and must be checked by its replacement.
    writeFileSync(join(work, 'a-slow.md'), 'word\n'.repeat(300_000));
    const { status, stdout } = runCli(['--concurrency', '1', '--file-timeout', '1', '--format', 'json', 'a-slow.md', 'docs/group-1/doc-1.md', 'docs/group-2/doc-2.md', 'docs/group-3/doc-3.md']);
    const results = JSON.parse(stdout) as { file: string; error?: string; coverage?: unknown }[];
    expect(status).toBe(2);
    expect(results.map((r) => r.file)).toEqual(['a-slow.md', 'docs/group-1/doc-1.md', 'docs/group-2/doc-2.md', 'docs/group-3/doc-3.md']);
    expect(results[0]!.error).toMatch(/took longer than 1 s/);
    for (const result of results.slice(1)) expect(result.error, result.file).toBeUndefined();
    expect(results.slice(1).every((r) => r.coverage !== undefined)).toBe(true);
    rmSync(join(work, 'a-slow.md'));
  }, 120_000);

  it('fixes a file named twice (a link and its target) once, as a serial run does', () => {
    const dir = join(work, 'fix');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'doc.md'), '# Feed\n\n## Clarify requirements\n\nWe rank posts.\n');
    symlinkSync('doc.md', join(dir, 'link.md'));
    const run = runCli(['--concurrency', '4', '--fix', '--format', 'json', 'fix/doc.md', 'fix/link.md']);
    const results = JSON.parse(run.stdout) as { file: string; fixError?: string }[];
    expect(results.map((r) => r.fixError)).toEqual([undefined, undefined]);
    expect(run.status).not.toBe(2);
    expect(readFileSync(join(dir, 'doc.md'), 'utf8')).toMatch(/## .*Frame the problem/i);
  }, 120_000);

  it("parses every worker's diagrams in one mermaid thread of the main thread, and reports each file's broken diagram", () => {
    const dir = join(work, 'diagrams');
    mkdirSync(dir, { recursive: true });
    for (let i = 0; i < 4; i++) {
      writeFileSync(
        join(dir, `doc-${i}.md`),
        `# Doc ${i}\n\n## Architecture\n\n\`\`\`mermaid\nflowchart LR\n  A${i}[Client] --> B${i}[Ranker\n\`\`\`\n\n\`\`\`mermaid\nflowchart LR\n  C${i} --> D${i}\n\`\`\`\n`,
      );
    }
    const { log, run } = runCountingMermaidStarts(dir, ['--concurrency', '4', '--format', 'json', 'diagrams']);
    const results = JSON.parse(run.stdout) as { file: string; diagnostics: { rule: string; line: number }[] }[];
    expect(results.map((r) => r.file)).toEqual([0, 1, 2, 3].map((i) => `diagrams/doc-${i}.md`));
    for (const result of results)
      expect(
        result.diagnostics.filter((d) => d.rule === 'mermaid-syntax').map((d) => d.line),
        result.file,
      ).toEqual([7]);
    expect(readFileSync(log, 'utf8')).toBe('start\n');
  }, 120_000);

  it('never starts mermaid when the config switches mermaid-syntax off, prefetch included', () => {
    const dir = join(work, 'diagrams-off');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, '.mlsdrc.json'), JSON.stringify({ rules: { 'mermaid-syntax': 'off' } }));
    // Several files with diagrams, so the main thread's prefetch of the next files has something to read.
    for (let i = 0; i < 5; i++) writeFileSync(join(dir, `doc-${i}.md`), `# Doc ${i}\n\n## Architecture\n\n\`\`\`mermaid\nflowchart LR\n  A${i} --> B${i}\n\`\`\`\n`);
    const { log, run } = runCountingMermaidStarts(dir, ['--concurrency', '1', '--format', 'json', 'diagrams-off']);
    expect((JSON.parse(run.stdout) as unknown[]).length).toBe(5);
    expect(existsSync(log)).toBe(false);
  }, 120_000);

  it('sizes the pool by cores and files, and groups the names of one file when fixing', () => {
    expect(poolSize(0)).toBe(1);
    expect(poolSize(1, 8)).toBe(1);
    expect(poolSize(100, 3)).toBe(3);
    expect(poolSize(100)).toBeGreaterThanOrEqual(1);
    // One core is left to the mermaid thread that serves every worker.
    expect(poolSize(100, undefined, 8)).toBe(7);
    expect(poolSize(100, undefined, 2)).toBe(1);
    expect(poolSize(100, undefined, 1)).toBe(1);
    const dir = mkdtempSync(join(tmpdir(), 'mlsd-jobs-'));
    try {
      writeFileSync(join(dir, 'a.md'), '');
      writeFileSync(join(dir, 'b.md'), '');
      symlinkSync('a.md', join(dir, 'z.md'));
      const request = (name: string, fix: boolean) => ({ path: join(dir, name), cwd: dir, fix });
      expect(jobsFor([request('a.md', true), request('b.md', true), request('z.md', true)])).toEqual([[0, 2], [1]]);
      expect(jobsFor([request('a.md', false), request('b.md', false), request('z.md', false)])).toEqual([[0], [1], [2]]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('validates --concurrency', () => {
    expect(parseCliArgs(['--concurrency', 'auto', 'docs'])).toMatchObject({ options: { inputs: ['docs'] } });
    expect(
      'options' in parseCliArgs(['--concurrency', 'auto', 'docs']) && (parseCliArgs(['--concurrency', 'auto', 'docs']) as { options: { concurrency?: number } }).options.concurrency,
    ).toBeUndefined();
    expect(parseCliArgs(['--concurrency', '3', 'docs'])).toMatchObject({ options: { concurrency: 3 } });
    expect(parseCliArgs(['--concurrency', '0', 'docs'])).toMatchObject({ error: expect.stringMatching(/--concurrency needs a whole number/) });
    expect(parseCliArgs(['--concurrency', 'many', 'docs'])).toMatchObject({ error: expect.stringMatching(/--concurrency/) });
  });
});

describe('--format github and --sarif-file', () => {
  it('writes one workflow command per finding, and SARIF to the file', () => {
    const run = runCli(['--format', 'github', '--sarif-file', 'out/mlsd.sarif', 'docs/group-0']);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.slice(0, -1).every((line) => /^::(error|warning|notice) file=docs\/group-0\/doc-\d+\.md,line=\d+,endLine=\d+(,col=\d+,endColumn=\d+)?,title=mlsd-lint [a-z-]+::\S/.test(line))).toBe(
      true,
    );
    expect(lines.at(-1)).toMatch(/files? checked/);
    expect(lines.some((line) => line.startsWith('::warning') && line.includes('missing-step'))).toBe(true);
    // A folder that does not exist: --sarif-file is not written and the run says so.
    expect(existsSync(join(work, 'out/mlsd.sarif'))).toBe(false);
    expect(run.stderr).toMatch(/--sarif-file: cannot write out\/mlsd\.sarif/);
    expect(run.status).toBe(2);

    const ok = runCli(['--format', 'github', '--sarif-file', 'mlsd.sarif', 'docs/group-0']);
    const sarif = JSON.parse(readFileSync(join(work, 'mlsd.sarif'), 'utf8')) as { version: string; runs: { results: unknown[] }[] };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.results.length).toBe(lines.length - 1);
    expect(ok.status).toBe(0);
  }, 120_000);

  it('escapes what the repository controls, so a heading cannot end an annotation or start a command', () => {
    expect(escapeData('50% done\r\n::error::x')).toBe('50%25 done%0D%0A::error::x');
    expect(escapeProperty('docs/a:b,c.md')).toBe('docs/a%3Ab%2Cc.md');
    const run: RunReport = {
      quiet: false,
      configProblems: [],
      inputProblems: [{ file: 'missing\n::error::forged', message: 'no such file or folder' }],
      files: [
        {
          path: '/w/docs/x,y.md',
          displayPath: 'docs/x,y.md',
          fixedCount: 0,
          fixableCount: 0,
          coverage: {},
          findings: [{ ruleId: 'thin-step', severity: 'information', message: 'line one\n::warning::two', range: { start: { line: 2, character: 0 }, end: { line: 4, character: 3 } } }],
        },
      ],
    };
    const out = formatGithub(run).split('\n');
    expect(out[0]).toBe('::error title=mlsd-lint::missing%0A::error::forged: no such file or folder');
    expect(out[1]).toBe('::notice file=docs/x%2Cy.md,line=3,endLine=5,title=mlsd-lint thin-step::line one%0A::warning::two');
    run.files[0]!.findings[0]!.detail = 'Why: 100%.';
    expect(formatGithub(run).split('\n')[1]).toBe('::notice file=docs/x%2Cy.md,line=3,endLine=5,title=mlsd-lint thin-step::line one%0A::warning::two%0A%0AWhy: 100%25.');
  });
});
