// A practice session: the case and its doc, the phase plan, the clock (paused or running), the
// boundaries already announced and the time attributed to each step. The state lives in the
// workspace storage, written on every change, so a window reload resumes the session where it was;
// the clock only reads the doc, it never edits it.
import * as vscode from 'vscode';
import { relative } from 'node:path';
import type { CoverageResult } from '../../../server/src/protocol';
import { PRACTICE_FOLDER, PRACTICE_NOTIFICATIONS, PRACTICE_PHASE_MINUTES, readSetting } from '../../../server/src/settings/definitions';
import type { DebriefModel, PracticeSessionRecord } from '../../../server/src/cli/format-report';
import { creditEdit, shiftSpans, stepAtLine, type StepSpan } from './attribution';
import { debriefOf, phaseEndNotification, restoredClock, sessionRecord, type PracticeNotification, type SessionState } from './records';
import { readHistory, writeSessionRecord } from './history';
import { buildPlan, clockLabel, clockPosition, elapsedMs, normalisePhaseMinutes, type ClockPosition, type Phase } from './plan';
import type { TimeSource } from './clock';

const STATE_KEY = 'mlsd.practice.session';

export interface PracticeSettings {
  phaseMinutes: ReturnType<typeof normalisePhaseMinutes>;
  notifications: boolean;
  folder: string;
}

export function readPracticeSettings(resource?: vscode.Uri): PracticeSettings {
  // Defaults and normalisers (a folder inside the workspace, 1-120 minutes a phase) are in settings/definitions.ts.
  const config = vscode.workspace.getConfiguration('mlsd', resource);
  const get = (path: string) => config.get(path);
  return {
    phaseMinutes: readSetting(PRACTICE_PHASE_MINUTES, get),
    notifications: readSetting(PRACTICE_NOTIFICATIONS, get),
    folder: readSetting(PRACTICE_FOLDER, get),
  };
}

export interface SessionDeps {
  state: vscode.Memento;
  time: TimeSource;
  coverageFor(uri: vscode.Uri): Promise<CoverageResult | undefined>;
  onDidChangeCoverage: vscode.Event<CoverageResult>;
  log(message: string): void;
}

export interface FinishedSession {
  record: PracticeSessionRecord;
  recordPath: string;
  model: DebriefModel;
  fileUri: vscode.Uri;
}

export function workspaceRoot(): string | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder && folder.uri.scheme === 'file' ? folder.uri.fsPath : undefined;
}

function sameUri(a: string, b: string): boolean {
  try {
    return vscode.Uri.parse(a).toString() === vscode.Uri.parse(b).toString();
  } catch {
    return a === b;
  }
}

export class PracticeSessions implements vscode.Disposable {
  private session: SessionState | undefined;
  private spans: StepSpan[] = [];
  private coverage: CoverageResult | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  /** The time ledger changed since the state was last saved. */
  private dirty = false;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly notified = new vscode.EventEmitter<PracticeNotification>();
  private readonly disposables: vscode.Disposable[] = [];
  /** Every phase notification of this window, for the extension tests. */
  readonly notifications: PracticeNotification[] = [];
  readonly onDidChange = this.changed.event;
  readonly onDidNotify = this.notified.event;

  constructor(private readonly deps: SessionDeps) {
    this.session = this.restore();
    this.disposables.push(
      this.changed,
      this.notified,
      deps.onDidChangeCoverage((result) => {
        if (this.session && sameUri(result.uri, this.session.fileUri)) this.setCoverage(result);
      }),
      vscode.workspace.onDidChangeTextDocument((event) => this.onEdit(event)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('mlsd.practice.phaseMinutes')) this.replan();
      }),
    );
    if (this.session) {
      this.startTicking();
      void this.refreshCoverage();
    }
  }

  current(): SessionState | undefined {
    return this.session;
  }

  latestCoverage(): CoverageResult | undefined {
    return this.coverage;
  }

  position(): ClockPosition | undefined {
    const s = this.session;
    return s ? clockPosition(s.phases, elapsedMs(s.clock, this.deps.time.now())) : undefined;
  }

  label(): string | undefined {
    const s = this.session;
    const position = this.position();
    return s && position ? clockLabel(s.phases, position) : undefined;
  }

  paused(): boolean {
    return this.session?.clock.pausedAt !== undefined;
  }

  /** The finished phases whose step is still missing or thin: the writer is behind the plan. */
  behind(): Phase[] {
    const s = this.session;
    const position = this.position();
    if (!s || !position) return [];
    return s.phases.slice(0, position.finishedPhases).filter((phase) => (this.scoreOf(phase.stepId) ?? 0) <= 1);
  }

  scoreOf(stepId: string): number | undefined {
    const item = this.coverage?.items.find((i) => i.id === stepId);
    return item ? (item.score ?? (item.status === 'missing' ? 0 : item.status === 'thin' ? 1 : 2)) : undefined;
  }

  /** Starts a session on an existing doc (the caller created and saved it). */
  async begin(options: { caseId: string; caseTitle: string; kind: 'full' | 'retry'; lengthMinutes: number; phases: Phase[]; file: vscode.Uri }): Promise<SessionState> {
    const root = workspaceRoot();
    const now = this.deps.time.now();
    this.session = {
      version: 1,
      id: `${options.caseId}-${now}`,
      caseId: options.caseId,
      caseTitle: options.caseTitle,
      kind: options.kind,
      lengthMinutes: options.lengthMinutes,
      phases: options.phases,
      fileUri: options.file.toString(),
      fileRel: root ? relative(root, options.file.fsPath).split('\\').join('/') : options.file.fsPath,
      clock: { startedAt: now, pausedMs: 0 },
      announcedPhases: 0,
      ledger: { stepMs: {} },
      lastTickAt: now,
    };
    this.coverage = undefined;
    this.spans = [];
    await this.save();
    this.startTicking();
    void this.refreshCoverage();
    this.changed.fire();
    return this.session;
  }

  async pause(): Promise<void> {
    const s = this.session;
    if (!s || s.clock.pausedAt !== undefined) return;
    s.clock = { ...s.clock, pausedAt: this.deps.time.now() };
    await this.save();
    this.changed.fire();
  }

  async resume(): Promise<void> {
    const s = this.session;
    if (!s || s.clock.pausedAt === undefined) return;
    const pausedFor = Math.max(0, this.deps.time.now() - s.clock.pausedAt);
    s.clock = { startedAt: s.clock.startedAt, pausedMs: s.clock.pausedMs + pausedFor };
    await this.save();
    this.changed.fire();
  }

  /** Abandons the session: nothing is recorded, the doc stays as it is. */
  async stop(): Promise<void> {
    this.session = undefined;
    this.dirty = false;
    this.coverage = undefined;
    this.stopTicking();
    await this.deps.state.update(STATE_KEY, undefined);
    this.changed.fire();
  }

  /** Ends the session, scores the doc as it stands and writes the history file. */
  async finish(): Promise<FinishedSession | undefined> {
    const s = this.session;
    if (!s) return undefined;
    const fileUri = vscode.Uri.parse(s.fileUri);
    // Unsaved edits count: the server scores the open document (opened here if it was closed).
    const coverage = (await this.docCoverage(fileUri)) ?? this.coverage;
    const position = this.position()!;
    const root = workspaceRoot();
    const items = coverage?.isDesignDoc ? coverage.items : [];
    const record = sessionRecord(s, items, coverage?.readiness, position, new Date(this.deps.time.now()));
    const history = root ? readHistory(root) : [];
    let recordPath = '';
    if (root) {
      try {
        recordPath = writeSessionRecord(root, record);
      } catch (error) {
        void vscode.window.showWarningMessage(`MLSD: could not save the practice session in .mlsd/practice/: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    const model = debriefOf(record, items, coverage?.readiness, [...history, record]);
    await this.stop();
    return { record, recordPath, model, fileUri };
  }

  /** For the e2e tests and the palette's test command: re-evaluates boundaries after the test clock moved. */
  tick(): void {
    const s = this.session;
    if (!s) return;
    const now = this.deps.time.now();
    if (this.dirty || now - (s.lastTickAt ?? 0) >= 10_000) {
      this.dirty = false;
      s.lastTickAt = now;
      void this.save();
    }
    const position = this.position()!;
    if (position.finishedPhases > s.announcedPhases) {
      const finished = s.phases.slice(s.announcedPhases, position.finishedPhases);
      s.announcedPhases = position.finishedPhases;
      void this.save();
      // One quiet line for the phase that just ended (when the clock jumped several, the last one).
      const phase = finished.at(-1)!;
      void this.announce(phase, position);
    }
    this.changed.fire();
  }

  private async announce(phase: Phase, position: ClockPosition): Promise<void> {
    const s = this.session;
    if (!s) return;
    // The latest analysis of the doc, so the line names what is missing now.
    const coverage = (await this.docCoverage(vscode.Uri.parse(s.fileUri))) ?? this.coverage;
    if (coverage && sameUri(coverage.uri, s.fileUri)) this.setCoverage(coverage);
    const item = coverage?.items.find((i) => i.id === phase.stepId);
    const next = s.phases[position.phaseIndex];
    const notification = { ...phaseEndNotification(phase, item, next), shown: readPracticeSettings().notifications };
    this.notifications.push(notification);
    this.notified.fire(notification);
    if (notification.shown) void vscode.window.showInformationMessage(notification.message);
  }

  private replan(): void {
    const s = this.session;
    if (!s || s.kind !== 'full') return;
    s.phases = buildPlan(s.lengthMinutes, readPracticeSettings().phaseMinutes);
    const position = this.position()!;
    // Boundaries the new plan puts in the past are not announced after the fact.
    s.announcedPhases = Math.min(s.announcedPhases, position.finishedPhases);
    void this.save();
    this.changed.fire();
  }

  private setCoverage(result: CoverageResult): void {
    this.coverage = result;
    this.spans = result.items.map((item) => ({
      id: item.id,
      kind: item.kind,
      ...(item.line !== undefined ? { line: item.line } : {}),
      ...(item.endLine !== undefined ? { endLine: item.endLine } : {}),
    }));
    this.changed.fire();
  }

  /** Coverage of the practice doc; the server only knows open documents, so open it (without showing it) first. */
  private async docCoverage(uri: vscode.Uri): Promise<CoverageResult | undefined> {
    try {
      await vscode.workspace.openTextDocument(uri);
      const result = await this.deps.coverageFor(uri);
      return result?.isDesignDoc ? result : undefined;
    } catch {
      return undefined;
    }
  }

  private async refreshCoverage(): Promise<void> {
    const s = this.session;
    if (!s) return;
    const result = await this.docCoverage(vscode.Uri.parse(s.fileUri));
    if (result && this.session === s) this.setCoverage(result);
  }

  private onEdit(event: vscode.TextDocumentChangeEvent): void {
    const s = this.session;
    if (!s || event.contentChanges.length === 0 || !sameUri(event.document.uri.toString(), s.fileUri)) return;
    if (s.clock.pausedAt !== undefined) return;
    const elapsed = elapsedMs(s.clock, this.deps.time.now());
    for (const change of event.contentChanges) {
      const line = change.range.start.line;
      // Lines inserted at the very start of a step's heading land above it: a paragraph typed just
      // before the next step's heading belongs to the step above.
      const above = change.range.isEmpty && change.range.start.character === 0 && change.text.includes('\n') && line > 0 && this.spans.some((span) => span.line === line);
      // A retry times one step: edits elsewhere are not part of it.
      const step = stepAtLine(this.spans, above ? line - 1 : line);
      const counted = s.kind === 'retry' && step !== s.phases[0]?.stepId ? undefined : step;
      s.ledger = creditEdit(s.ledger, counted, elapsed);
      const added = (change.text.match(/\n/g) ?? []).length - (change.range.end.line - change.range.start.line);
      this.spans = shiftSpans(this.spans, line, added);
    }
    // Saved with the next tick (at most a second later), not on every keystroke.
    this.dirty = true;
  }

  private startTicking(): void {
    this.stopTicking();
    this.timer = setInterval(() => this.tick(), 1000);
  }

  private stopTicking(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private save(): Thenable<void> {
    return this.deps.state.update(STATE_KEY, this.session);
  }

  private restore(): SessionState | undefined {
    const saved = this.deps.state.get<SessionState>(STATE_KEY);
    if (!saved || saved.version !== 1 || !Array.isArray(saved.phases) || !saved.clock || typeof saved.fileUri !== 'string') return undefined;
    const now = this.deps.time.now();
    const { clock, pausedWhileAway } = restoredClock(saved.clock, saved.lastTickAt, now);
    if (pausedWhileAway) {
      void vscode.window.showInformationMessage(`MLSD practice: the clock of ${saved.caseTitle} was paused while VS Code was closed.`, 'Resume').then((answer) => {
        if (answer === 'Resume') void this.resume();
      });
    }
    return { ...saved, clock, lastTickAt: now, ledger: saved.ledger ?? { stepMs: {} } };
  }

  dispose(): void {
    this.stopTicking();
    if (this.dirty && this.session) void this.save();
    for (const d of this.disposables) d.dispose();
  }
}

export type { PracticeNotification, SessionState };
