// `mlsd-lint --report FILE`, the practice debrief for other editors: run as users run it (the
// bundled dist/cli.js as a subprocess), on a practice doc with session history next to it.
import { spawnSync, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTemplateText } from '../../server/src/engine/skeletons';

const repoRoot = resolve(__dirname, '..', '..');
const cliPath = join(repoRoot, 'dist', 'cli.js');
let workDir: string;
const DOC = 'practice/visual-search-2026-11-30.design.md';

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cliPath, ...args], { cwd: workDir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function record(date: string, readiness: number, file = DOC): object {
  return {
    version: 1,
    case: 'visual-search',
    caseTitle: 'Visual search',
    date,
    startedAt: date,
    lengthMinutes: 45,
    elapsedMinutes: 41.5,
    kind: 'full',
    finishedEarly: true,
    file,
    readiness,
    steps: ['clarify', 'framing', 'data', 'model', 'evaluation', 'serving', 'monitoring'].map((id, i) => ({
      id,
      title: id,
      score: 1,
      plannedMinutes: [5, 5, 8, 10, 5, 8, 4][i],
      spentMinutes: i === 2 ? 9.5 : 1,
      checkpointsMet: [],
      checkpointsMissed: [],
    })),
    checks: { 'metric-gap': 'missing', 'latency-budget': 'missing' },
  };
}

beforeAll(() => {
  if (process.env.MLSD_SKIP_BUILD !== '1' || !existsSync(cliPath)) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: repoRoot, stdio: 'pipe', timeout: 240_000 });
  workDir = mkdtempSync(join(tmpdir(), 'mlsd-report-'));
  mkdirSync(join(workDir, 'practice'), { recursive: true });
  mkdirSync(join(workDir, '.mlsd', 'practice'), { recursive: true });
  const text = getTemplateText('visual-search').replace(
    /(## 1\. Clarify requirements\n)/,
    '$1\nThe business objective is more saves; we return 20 similar images under the pin. Scale: 200 million daily users and 2,000 searches per second. Constraints: p99 under 300 ms.\n',
  );
  writeFileSync(join(workDir, DOC), text);
  writeFileSync(join(workDir, '.mlsd', 'practice', 'visual-search-2026-11-20T10-00-00.json'), JSON.stringify(record('2026-11-20T10:00:00.000Z', 31, 'practice/visual-search-2026-11-20.design.md')));
  writeFileSync(join(workDir, '.mlsd', 'practice', 'visual-search-2026-11-30T10-00-00.json'), JSON.stringify(record('2026-11-30T10:00:00.000Z', 44)));
  writeFileSync(join(workDir, '.mlsd', 'practice', 'junk.json'), '{');
}, 300_000);

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('mlsd-lint --report', () => {
  it('prints the debrief: readiness, per-step score and band, missed checkpoints with why, checks, minutes and progress', () => {
    const { status, stdout, stderr } = cli('--report', DOC);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toContain('Debrief: Visual search');
    expect(stdout).toContain('Practice round of 45 min, 41.5 min on the clock, finished early · 2026-11-30');
    expect(stdout).toMatch(/Readiness \d+\/100 · (not ready|getting there|ready|strong)/);
    expect(stdout).toMatch(/Step\s+Score\s+Band\s+Checkpoints\s+Minutes \(spent\/plan\)/);
    expect(stdout).toMatch(/Data preparation\s+[0-3]\/3\s+(missing|weak|solid|strong)\s+\d\/\d\s+9\.5\/8/);
    expect(stdout).toContain('What an interviewer would still ask for');
    expect(stdout).toMatch(/✗ .+ — .+/);
    expect(stdout).toMatch(/✗ Offline\/online metric gap: missing/);
    expect(stdout).toContain('Progress over 2 rounds: 31 → 44');
    expect(stdout).toMatch(/Weakest step: .+ \([0-2]\/3\)/);
  });

  it('prints the same model as JSON, lines one-based', () => {
    const { status, stdout } = cli('--report', DOC, '--format', 'json');
    expect(status).toBe(0);
    const model = JSON.parse(stdout);
    expect(model).toMatchObject({ title: 'Visual search', file: DOC, session: { case: 'visual-search', lengthMinutes: 45 } });
    expect(model.steps).toHaveLength(7);
    expect(model.steps[2]).toMatchObject({ id: 'data', plannedMinutes: 8, spentMinutes: 9.5 });
    expect(model.steps[0].line).toBeGreaterThan(1);
    expect(model.checks.map((c: { id: string }) => c.id)).toEqual(['metric-gap', 'latency-budget']);
    expect(model.progress.map((p: { readiness: number }) => p.readiness)).toEqual([31, 44]);
    expect(typeof model.readiness).toBe('number');
  });

  it('reports a doc with no practice history, without minutes', () => {
    writeFileSync(join(workDir, 'plain.design.md'), getTemplateText('ad-click-prediction'));
    rmSync(join(workDir, '.mlsd'), { recursive: true, force: true });
    const { status, stdout } = cli('--report', 'plain.design.md');
    expect(status).toBe(0);
    expect(stdout).toContain('Debrief: plain.design.md');
    expect(stdout).not.toContain('Minutes (spent/plan)');
  });

  it('refuses what it cannot do, with exit code 2', () => {
    expect(cli('--report', 'nope.md').status).toBe(2);
    const sarif = cli('--report', DOC, '--format', 'sarif');
    expect(sarif.status).toBe(2);
    expect(sarif.stderr).toContain('--report prints text or json, not sarif');
    expect(cli('--report', DOC, 'other.md').stderr).toContain('--report takes one file');
    expect(cli('--report', DOC, '--fix').stderr).toContain('--report does not fix');
  });
});
