// The pure parts of a session (no `vscode`): the phase-end notification line, the history record of
// a finished session, the debrief of a record, and the practice doc's path. Unit-tested directly.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CoverageItem } from '../../../server/src/protocol';
import { buildDebriefModel, type DebriefModel, type PracticeSessionRecord } from '../../../server/src/cli/format-report';
import { toMinutes, type TimeLedger } from './attribution';
import { planTotalMinutes, STEP_TITLES, type ClockPosition, type ClockState, type Phase } from './plan';

export interface SessionState {
  version: 1;
  id: string;
  caseId: string;
  caseTitle: string;
  kind: 'full' | 'retry';
  lengthMinutes: number;
  phases: Phase[];
  /** The practice doc. */
  fileUri: string;
  /** Its path relative to the workspace folder, forward slashes. */
  fileRel: string;
  clock: ClockState;
  /** How many phase boundaries have been announced (or passed silently). */
  announcedPhases: number;
  ledger: TimeLedger;
  /** Epoch ms the clock last ticked in a window (saved every few seconds): tells a reload from a closed editor. */
  lastTickAt?: number;
}

/** A gap in ticks longer than this means VS Code was closed, not reloaded. */
export const AWAY_MS = 120_000;

/**
 * The clock of a restored session. After a reload (a gap of seconds) it runs on as if nothing
 * happened; after VS Code was closed (no tick for AWAY_MS) it is paused at its last tick, so the
 * night does not count as overtime and the writer resumes when ready.
 */
export function restoredClock(clock: ClockState, lastTickAt: number | undefined, now: number): { clock: ClockState; pausedWhileAway: boolean } {
  if (clock.pausedAt !== undefined || lastTickAt === undefined || now - lastTickAt <= AWAY_MS) return { clock, pausedWhileAway: false };
  return { clock: { ...clock, pausedAt: Math.max(clock.startedAt, lastTickAt) }, pausedWhileAway: true };
}

export interface PracticeNotification {
  phase: string;
  message: string;
  missing: string[];
  /** Whether it was shown (mlsd.practice.notifications); set by the session. */
  shown?: boolean;
}

/** The one-line notification at the end of a phase: what its step still lacks, and what comes next. */
export function phaseEndNotification(phase: Phase, item: CoverageItem | undefined, next: Phase | undefined): PracticeNotification {
  const title = STEP_TITLES[phase.stepId] ?? phase.title;
  const missing = (item?.checkpoints ?? []).filter((c) => !c.met).map((c) => c.title);
  let state: string;
  if (!item || item.status === 'missing') state = 'Not written yet';
  else if (missing.length > 0) state = `Still missing: ${missing.slice(0, 2).join('; ')}${missing.length > 2 ? ` (+${missing.length - 2} more)` : ''}`;
  else if (item.status === 'thin') state = 'Still thin';
  else state = 'Every checkpoint met';
  const then = next ? ` Next: ${STEP_TITLES[next.stepId] ?? next.title}, ${next.minutes} min.` : ' The round is over: finish to see your debrief.';
  return { phase: phase.stepId, missing, message: `${title}: time is up. ${state}.${then}` };
}

export function sessionRecord(s: SessionState, items: readonly CoverageItem[], readiness: number | undefined, position: ClockPosition, finishedAt: Date): PracticeSessionRecord {
  const planned = new Map(s.phases.map((p) => [p.stepId, p.minutes]));
  const steps = items
    .filter((i) => i.kind === 'step')
    .map((i) => {
      const checkpoints = i.checkpoints ?? [];
      return {
        id: i.id,
        title: i.title,
        score: (i.score ?? (i.status === 'missing' ? 0 : i.status === 'thin' ? 1 : 2)) as 0 | 1 | 2 | 3,
        plannedMinutes: planned.get(i.id) ?? 0,
        spentMinutes: toMinutes(s.ledger.stepMs[i.id] ?? 0),
        checkpointsMet: checkpoints.filter((c) => c.met).map((c) => c.id),
        checkpointsMissed: checkpoints.filter((c) => !c.met).map((c) => c.id),
      };
    });
  const model = buildDebriefModel({ title: s.caseTitle, file: s.fileRel, items, ...(readiness !== undefined ? { readiness } : {}) });
  return {
    version: 1,
    case: s.caseId,
    caseTitle: s.caseTitle,
    date: finishedAt.toISOString(),
    startedAt: new Date(s.clock.startedAt).toISOString(),
    lengthMinutes: s.lengthMinutes || planTotalMinutes(s.phases),
    elapsedMinutes: toMinutes(position.elapsedMs),
    kind: s.kind,
    finishedEarly: position.phaseIndex < s.phases.length,
    file: s.fileRel,
    readiness: model.readiness,
    steps,
    checks: Object.fromEntries(items.filter((i) => i.kind === 'check').map((i) => [i.id, i.status])),
  };
}

/** The debrief of a recorded session, with the doc's current coverage items when known. */
export function debriefOf(record: PracticeSessionRecord, items: readonly CoverageItem[], readiness: number | undefined, history: readonly PracticeSessionRecord[]): DebriefModel {
  const minutes = Object.fromEntries(record.steps.filter((st) => record.kind === 'full' || st.plannedMinutes > 0).map((st) => [st.id, { planned: st.plannedMinutes, spent: st.spentMinutes }]));
  return buildDebriefModel({
    title: record.caseTitle,
    file: record.file,
    items,
    ...(readiness !== undefined ? { readiness } : {}),
    minutes,
    session: {
      case: record.case,
      caseTitle: record.caseTitle,
      kind: record.kind,
      date: record.date,
      lengthMinutes: record.lengthMinutes,
      elapsedMinutes: record.elapsedMinutes,
      finishedEarly: record.finishedEarly,
    },
    history,
    ...(record.kind === 'retry' ? { timedSteps: record.steps.filter((st) => st.plannedMinutes > 0).map((st) => st.id) } : {}),
  });
}

/** Coverage items rebuilt from a history record, for the debrief of a session whose doc is gone. */
export function itemsFromRecord(record: PracticeSessionRecord): CoverageItem[] {
  const steps: CoverageItem[] = record.steps.map((st) => ({
    id: st.id,
    title: st.title,
    kind: 'step',
    status: st.score === 0 ? 'missing' : st.score === 1 ? 'thin' : 'present',
    reason: '',
    score: st.score,
    checkpoints: [...st.checkpointsMet.map((id) => ({ id, title: id.replace(/-/g, ' '), met: true })), ...st.checkpointsMissed.map((id) => ({ id, title: id.replace(/-/g, ' '), met: false }))],
  }));
  const titles: Record<string, string> = { 'metric-gap': 'Offline/online metric gap', 'latency-budget': 'Serving latency budget' };
  const checks: CoverageItem[] = Object.entries(record.checks).map(([id, status]) => ({ id, title: titles[id] ?? id, kind: 'check', status, reason: '' }));
  return [...steps, ...checks];
}

/** `practice/<case>-<YYYY-MM-DD>.design.md`, with `-2`, `-3`… when that name is taken. Creates the folder. */
export function practiceDocPath(root: string, folder: string, caseId: string, date: Date): string {
  const day = date.toISOString().slice(0, 10);
  const dir = join(root, folder);
  mkdirSync(dir, { recursive: true });
  let file = join(dir, `${caseId}-${day}.design.md`);
  for (let n = 2; existsSync(file); n++) file = join(dir, `${caseId}-${day}-${n}.design.md`);
  return file;
}

/** Writes the skeleton to disk (never overwriting) so nothing typed in the session can be lost to an untitled buffer. */
export function createPracticeDoc(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text, { encoding: 'utf8', flag: 'wx' });
}
