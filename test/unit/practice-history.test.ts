// The session history files (.mlsd/practice/*.json): what a finished session records, how the files
// are named, written and read back, and how they add up to progress per case; plus the debrief model
// and its text/JSON forms (the CLI's --report).
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CoverageItem } from '../../server/src/protocol';
import { buildDebriefModel, formatReportJson, formatReportText, parseSessionRecord, progressByCase, sparkline, type PracticeSessionRecord } from '../../server/src/cli/format-report';
import { HISTORY_DIR, readHistory, sessionFileName, writeSessionRecord } from '../../client/src/practice/history';
import { debriefOf, itemsFromRecord, phaseEndNotification, practiceDocPath, createPracticeDoc, sessionRecord, type SessionState } from '../../client/src/practice/records';
import { buildPlan, clockPosition } from '../../client/src/practice/plan';

const plain = { red: (t: string) => t, yellow: (t: string) => t, green: (t: string) => t, blue: (t: string) => t, dim: (t: string) => t, bold: (t: string) => t };
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlsd-practice-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

const step = (id: string, title: string, status: CoverageItem['status'], score: 0 | 1 | 2 | 3, met: string[], missed: string[], line?: number): CoverageItem => ({
  id,
  title,
  kind: 'step',
  status,
  score,
  reason: `${title} is ${status}`,
  ...(line !== undefined ? { line, endLine: line + 5 } : {}),
  checkpoints: [
    ...met.map((c) => ({ id: c, title: c.replace(/-/g, ' '), met: true, line: (line ?? 0) + 1 })),
    ...missed.map((c) => ({ id: c, title: c.replace(/-/g, ' '), met: false, why: `an interviewer asks for ${c.replace(/-/g, ' ')}` })),
  ],
});
const items: CoverageItem[] = [
  step('clarify', 'Clarify requirements', 'present', 3, ['business-objective', 'scale', 'constraints'], ['data-available'], 6),
  step('framing', 'Frame the problem as an ML task', 'present', 2, ['ml-objective'], ['ml-category', 'input-output'], 14),
  step('data', 'Data preparation', 'thin', 1, [], ['labels', 'features'], 20),
  step('model', 'Model development', 'missing', 0, [], ['baseline']),
  step('evaluation', 'Evaluation', 'present', 2, ['offline-metrics', 'online-metrics'], ['metric-gap-discussed'], 30),
  step('serving', 'Deployment and serving', 'thin', 1, [], ['latency-budget'], 40),
  step('monitoring', 'Monitoring and maintenance', 'missing', 0, [], ['drift']),
  { id: 'metric-gap', title: 'Offline/online metric gap', kind: 'check', status: 'missing', reason: 'offline and online metrics are listed, never why they disagree' },
  { id: 'latency-budget', title: 'Serving latency budget', kind: 'check', status: 'present', reason: 'a p99 target', evidence: 'p99 < 100 ms <script>', line: 42 },
];

const session = (over: Partial<SessionState> = {}): SessionState => ({
  version: 1,
  id: 'visual-search-1',
  caseId: 'visual-search',
  caseTitle: 'Visual search',
  kind: 'full',
  lengthMinutes: 45,
  phases: buildPlan(45),
  fileUri: 'file:///w/practice/visual-search-2026-11-30.design.md',
  fileRel: 'practice/visual-search-2026-11-30.design.md',
  clock: { startedAt: Date.parse('2026-11-30T09:00:00Z'), pausedMs: 0 },
  announcedPhases: 0,
  ledger: { stepMs: { clarify: 4 * 60_000, framing: 150_000, data: 9 * 60_000 + 6000 } },
  ...over,
});

describe('session record', () => {
  it('records case, date, length, per-step score and minutes, checkpoints and readiness', () => {
    const record = sessionRecord(session(), items, 48, clockPosition(buildPlan(45), 30 * 60_000), new Date('2026-11-30T09:30:00Z'));
    expect(record).toMatchObject({
      version: 1,
      case: 'visual-search',
      caseTitle: 'Visual search',
      date: '2026-11-30T09:30:00.000Z',
      startedAt: '2026-11-30T09:00:00.000Z',
      lengthMinutes: 45,
      elapsedMinutes: 30,
      kind: 'full',
      finishedEarly: true,
      file: 'practice/visual-search-2026-11-30.design.md',
      readiness: 48,
      checks: { 'metric-gap': 'missing', 'latency-budget': 'present' },
    });
    expect(record.steps.map((s) => [s.id, s.score, s.plannedMinutes, s.spentMinutes])).toEqual([
      ['clarify', 3, 5, 4],
      ['framing', 2, 5, 2.5],
      ['data', 1, 8, 9.1],
      ['model', 0, 10, 0],
      ['evaluation', 2, 5, 0],
      ['serving', 1, 8, 0],
      ['monitoring', 0, 4, 0],
    ]);
    expect(record.steps[0]).toMatchObject({ checkpointsMet: ['business-objective', 'scale', 'constraints'], checkpointsMissed: ['data-available'] });
    // What is saved reads back unchanged.
    expect(parseSessionRecord(JSON.parse(JSON.stringify(record)))).toEqual(record);
  });

  it('treats steps without checkpoints (engine without the rubric) as having none', () => {
    const bare = items.map(({ checkpoints: _c, score: _s, ...rest }) => rest as CoverageItem);
    const record = sessionRecord(session(), bare, undefined, clockPosition(buildPlan(45), 46 * 60_000), new Date('2026-11-30T09:46:00Z'));
    expect(record.finishedEarly).toBe(false);
    expect(record.steps.map((s) => s.score)).toEqual([2, 2, 1, 0, 2, 1, 0]);
    expect(record.steps.every((s) => s.checkpointsMet.length === 0 && s.checkpointsMissed.length === 0)).toBe(true);
  });
});

describe('history files', () => {
  const record = (caseId: string, date: string, readiness: number, kind: 'full' | 'retry' = 'full'): PracticeSessionRecord =>
    parseSessionRecord({ version: 1, case: caseId, caseTitle: caseId, date, lengthMinutes: 45, kind, readiness, steps: [{ id: 'clarify', score: 2 }], checks: {} })!;

  it('names files by case and finish time, never overwriting', () => {
    expect(sessionFileName({ case: 'visual-search', date: '2026-11-30T09:30:12.345Z', kind: 'full' })).toBe('visual-search-2026-11-30T09-30-12.json');
    expect(sessionFileName({ case: 'a/../b', date: '2026-11-30T09:30:12.345Z', kind: 'retry' })).toBe('a____b-retry-2026-11-30T09-30-12.json');
    const root = tempDir();
    const one = record('visual-search', '2026-11-30T09:30:12.000Z', 40);
    const first = writeSessionRecord(root, one);
    const second = writeSessionRecord(root, one);
    expect(first).not.toBe(second);
    expect(readdirSync(join(root, HISTORY_DIR)).sort()).toEqual(['visual-search-2026-11-30T09-30-12-2.json', 'visual-search-2026-11-30T09-30-12.json']);
    expect(JSON.parse(readFileSync(first, 'utf8'))).toEqual(one);
  });

  it('reads every valid file oldest first, skipping foreign and damaged ones', () => {
    const root = tempDir();
    writeSessionRecord(root, record('visual-search', '2026-11-30T10:00:00.000Z', 60));
    writeSessionRecord(root, record('visual-search', '2026-11-28T10:00:00.000Z', 30));
    writeSessionRecord(root, record('ad-click-prediction', '2026-11-29T10:00:00.000Z', 50));
    writeSessionRecord(root, record('visual-search', '2026-11-30T11:00:00.000Z', 90, 'retry'));
    const dir = join(root, HISTORY_DIR);
    writeFileSync(join(dir, 'broken.json'), '{"version": 1, "case": ');
    writeFileSync(join(dir, 'other-tool.json'), '{"hello": "world"}');
    writeFileSync(join(dir, 'future.json'), JSON.stringify({ version: 2, case: 'x', date: '2026-11-30T10:00:00Z', readiness: 1, steps: [] }));
    writeFileSync(join(dir, 'notes.txt'), 'not json');
    mkdirSync(join(dir, 'sub.json'));
    const history = readHistory(root);
    expect(history.map((r) => [r.case, r.readiness])).toEqual([
      ['visual-search', 30],
      ['ad-click-prediction', 50],
      ['visual-search', 60],
      ['visual-search', 90],
    ]);
    expect(readHistory(join(root, 'nowhere'))).toEqual([]);

    const progress = progressByCase(history);
    // Retries do not count as rounds.
    expect(progress.get('visual-search')).toEqual({ case: 'visual-search', attempts: 2, bestReadiness: 60, lastReadiness: 60, lastDate: '2026-11-30T10:00:00.000Z', series: [30, 60] });
    expect(progress.get('ad-click-prediction')?.attempts).toBe(1);
    expect(sparkline([0, 50, 100])).toBe('▁▄█');
  });

  it('rejects records that are not sessions', () => {
    expect(parseSessionRecord(null)).toBeUndefined();
    expect(parseSessionRecord({ version: 1, case: 'x', date: 'yesterday', readiness: 1, steps: [] })).toBeUndefined();
    expect(parseSessionRecord({ version: 1, case: 'x', date: '2026-11-30T10:00:00Z', readiness: 1, steps: [{ id: 3 }] })).toBeUndefined();
    expect(parseSessionRecord({ version: 1, case: 'x', date: '2026-11-30T10:00:00Z', readiness: 250, steps: [{ id: 'a', score: 9 }] })).toMatchObject({ readiness: 100, steps: [{ score: 3 }] });
  });
});

describe('practice doc', () => {
  it('is created on disk as <case>-<date>.design.md, never over an earlier one', () => {
    const root = tempDir();
    const date = new Date('2026-11-30T09:00:00Z');
    const first = practiceDocPath(root, 'practice', 'visual-search', date);
    expect(first).toBe(join(root, 'practice', 'visual-search-2026-11-30.design.md'));
    createPracticeDoc(first, '# skeleton\n');
    const second = practiceDocPath(root, 'practice', 'visual-search', date);
    expect(second).toBe(join(root, 'practice', 'visual-search-2026-11-30-2.design.md'));
    expect(() => createPracticeDoc(first, 'other')).toThrow();
    expect(readFileSync(first, 'utf8')).toBe('# skeleton\n');
  });
});

describe('phase notification', () => {
  const phase = { stepId: 'data', title: 'Data preparation', minutes: 8 };
  const next = { stepId: 'model', title: 'Model development', minutes: 10 };
  it("names the finished phase's missing checkpoints and the next phase, on one line", () => {
    const n = phaseEndNotification(phase, items[2], next);
    expect(n.missing).toEqual(['labels', 'features']);
    expect(n.message).toBe('Data preparation: time is up. Still missing: labels; features. Next: Model development, 10 min.');
    const many = phaseEndNotification(phase, items[0]!.checkpoints ? { ...items[2]!, checkpoints: ['a', 'b', 'c', 'd'].map((id) => ({ id, title: id, met: false })) } : undefined, next);
    expect(many.message).toContain('Still missing: a; b (+2 more).');
    expect(n.message).not.toContain('\n');
  });
  it('says when the step is not written, is thin without checkpoints, or is done', () => {
    expect(phaseEndNotification(phase, undefined, next).message).toContain('Data preparation: time is up. Not written yet.');
    expect(phaseEndNotification(phase, { ...items[2]!, checkpoints: [] }, undefined).message).toBe('Data preparation: time is up. Still thin. The round is over: finish to see your debrief.');
    expect(phaseEndNotification(phase, { ...items[0]!, checkpoints: [{ id: 'a', title: 'a', met: true }] }, next).message).toContain('Every checkpoint met');
  });
});

describe('debrief model and the CLI report', () => {
  it('scores, bands, met and missed checkpoints with their why, minutes, the weakest step and progress', () => {
    const record = sessionRecord(session(), items, 48, clockPosition(buildPlan(45), 44 * 60_000), new Date('2026-11-30T09:44:00Z'));
    const earlier = { ...record, date: '2026-11-20T09:00:00.000Z', readiness: 30 };
    const model = debriefOf(record, items, 48, [earlier, record]);
    expect(model.readiness).toBe(48);
    expect(model.readinessBand).toBe('getting there');
    expect(model.steps.map((s) => `${s.id}:${s.score}:${s.band}`)).toEqual([
      'clarify:3:strong',
      'framing:2:solid',
      'data:1:weak',
      'model:0:missing',
      'evaluation:2:solid',
      'serving:1:weak',
      'monitoring:0:missing',
    ]);
    expect(model.steps[1]!.missed).toEqual([
      { id: 'ml-category', title: 'ml category', why: 'an interviewer asks for ml category' },
      { id: 'input-output', title: 'input output', why: 'an interviewer asks for input output' },
    ]);
    expect(model.steps[2]).toMatchObject({ plannedMinutes: 8, spentMinutes: 9.1 });
    expect(model.weakestStep).toBe('model');
    expect(model.progress.map((p) => p.readiness)).toEqual([30, 48]);
    // Against the previous session of the case: the earlier record has the same scores, so no change shows.
    expect(model.steps[0]!.previousScore).toBe(3);
    const retried = debriefOf(
      { ...record, kind: 'retry', date: '2026-11-30T10:00:00.000Z' },
      items.map((i) => (i.id === 'data' ? { ...i, status: 'present' as const, score: 2 as const } : i)),
      55,
      [earlier, record],
    );
    expect(retried.steps.find((st) => st.id === 'data')).toMatchObject({ score: 2, previousScore: 1 });
    expect(formatReportText(retried, plain)).toMatch(/Data preparation .*\(was 1\/3\)/);

    const text = formatReportText(model, plain);
    expect(text).toContain('Debrief: Visual search');
    expect(text).toContain('Readiness 48/100 · getting there');
    expect(text).toMatch(/Data preparation\s+1\/3\s+weak\s+0\/2\s+9\.1\/8/);
    expect(text).toContain('✗ labels — an interviewer asks for labels');
    expect(text).toContain('✗ Offline/online metric gap: missing');
    expect(text).toContain('✓ Serving latency budget: present "p99 < 100 ms <script>" (line 43)');
    expect(text).toContain('Progress over 2 rounds: 30 → 48');
    expect(text).toContain('Weakest step: Model development (0/3)');

    const json = JSON.parse(formatReportJson(model));
    expect(json.steps[0]).toMatchObject({ id: 'clarify', score: 3, band: 'strong', line: 7 });
    expect(json.checks[1]).toMatchObject({ id: 'latency-budget', line: 43, evidence: 'p99 < 100 ms <script>' });
  });

  it('a retry picks its weakest step among the steps it timed; a record alone rebuilds the items', () => {
    const model = buildDebriefModel({ title: 't', file: 'f', items, timedSteps: ['evaluation'] });
    expect(model.weakestStep).toBe('evaluation');
    const record = sessionRecord(session(), items, 48, clockPosition(buildPlan(45), 10), new Date('2026-11-30T09:44:00Z'));
    const rebuilt = itemsFromRecord(record);
    expect(rebuilt.filter((i) => i.kind === 'step').map((i) => i.score)).toEqual([3, 2, 1, 0, 2, 1, 0]);
    expect(rebuilt.find((i) => i.id === 'metric-gap')?.status).toBe('missing');
    // Without a readiness from the engine the model computes the same formula.
    expect(buildDebriefModel({ title: 't', file: 'f', items }).readiness).toBe(Math.round((100 * (9 + 1.5)) / (21 + 3)));
  });
});
