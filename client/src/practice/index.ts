// Interview practice mode: registers the Design Practice views, the session commands, the clock in
// the status bar and the debrief. See README "Practice mode" for what a session looks like.
import * as vscode from 'vscode';
import type { CoverageResult } from '../../../server/src/protocol';
import type { PracticeSessionRecord } from '../../../server/src/cli/format-report';
import { AdjustableClock, ADVANCE_CLOCK_COMMAND, systemClock, testClockEnabled, type TimeSource } from './clock';
import { DebriefPanel, type DebriefRendered, type DebriefTarget } from './debriefPanel';
import { readHistory } from './history';
import { buildPlan, buildRetryPlan, clockLabel, SESSION_LENGTHS, STEP_TITLES } from './plan';
import { createPracticeDoc, debriefOf, itemsFromRecord, practiceDocPath, type PracticeNotification } from './records';
import { PracticeSessions, readPracticeSettings, workspaceRoot } from './session';
import { CasesProvider, CASES_VIEW, INSERT_STEP_COMMAND, JUMP_COMMAND, OPEN_SESSION_COMMAND, SESSIONS_VIEW, SessionsProvider, START_COMMAND, StepsProvider, STEPS_VIEW, type CaseInfo } from './views';

export const PAUSE_COMMAND = 'mlsd.practice.pause';
export const RESUME_COMMAND = 'mlsd.practice.resume';
export const STOP_COMMAND = 'mlsd.practice.stop';
export const FINISH_COMMAND = 'mlsd.practice.finish';
export const MENU_COMMAND = 'mlsd.practice.menu';
export const RETRY_COMMAND = 'mlsd.practice.retryStep';
export const REFRESH_COMMAND = 'mlsd.practice.refresh';
export const SHOW_MISSING_COMMAND = 'mlsd.showMissing';

const loadSkeletons = () => import('../../../server/src/engine/skeletons');

export interface PracticeDeps {
  /** Coverage of a document, starting the language server if need be. */
  coverageFor(uri: vscode.Uri): Promise<CoverageResult | undefined>;
  /** Coverage only if the server is already running (never starts it): for documents that are not design docs. */
  peekCoverage(uri: vscode.Uri): Promise<CoverageResult | undefined>;
  /** The extension's cheap pre-check (include globs, front matter, marker): may the server treat it as a design doc? */
  mightBeDesignDoc(document: vscode.TextDocument): boolean;
  onDidChangeCoverage: vscode.Event<CoverageResult>;
  log(message: string): void;
}

/** What the extension tests read and drive (through the extension's API). */
export interface PracticeApi {
  session(): { caseId: string; file: string; phase: string | undefined; label: string | undefined; paused: boolean; behind: boolean; stepMs: Record<string, number> } | undefined;
  clock(): { visible: boolean; text: string; warning: boolean };
  notifications(): PracticeNotification[];
  /** The Current Doc view's rows as a user reads them: label and description. */
  stepsView(): Promise<{ label: string; description: string }[]>;
  casesView(): Promise<{ label: string; description: string }[]>;
  sessionsView(): Promise<{ label: string; description: string }[]>;
  debriefRendered(): DebriefRendered | undefined;
  history(): PracticeSessionRecord[];
}

async function caseList(): Promise<CaseInfo[]> {
  const { TEMPLATES } = await loadSkeletons();
  const cases = TEMPLATES.map((t) => ({ id: t.id, title: t.title, description: t.description }));
  // The generic seven steps last: the case studies are what people practise.
  return [...cases.filter((c) => c.id !== 'generic'), ...cases.filter((c) => c.id === 'generic')];
}

function labelOf(item: vscode.TreeItem): { label: string; description: string } {
  const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
  return { label, description: typeof item.description === 'string' ? item.description : '' };
}

async function flatten<T>(provider: vscode.TreeDataProvider<T>, element?: T): Promise<{ label: string; description: string }[]> {
  const out: { label: string; description: string }[] = [];
  for (const child of (await provider.getChildren(element)) ?? []) {
    const item = await provider.getTreeItem(child);
    out.push(labelOf(item));
    if (item.collapsibleState !== vscode.TreeItemCollapsibleState.None) out.push(...(await flatten(provider, child)).map((row) => ({ ...row, label: `  ${row.label}` })));
  }
  return out;
}

export function registerPractice(context: vscode.ExtensionContext, deps: PracticeDeps): PracticeApi {
  const testClock = testClockEnabled(context) ? new AdjustableClock(context.workspaceState) : undefined;
  const time: TimeSource = testClock ?? systemClock;
  const sessions = new PracticeSessions({ state: context.workspaceState, time, coverageFor: deps.coverageFor, onDidChangeCoverage: deps.onDidChangeCoverage, log: deps.log });

  let historyCache: PracticeSessionRecord[] | undefined;
  const history = (): PracticeSessionRecord[] => {
    if (!historyCache) {
      const root = workspaceRoot();
      historyCache = root ? readHistory(root) : [];
    }
    return historyCache;
  };

  const cases = new CasesProvider(caseList, history, () => time.now());
  const steps = new StepsProvider(sessions);
  const sessionsProvider = new SessionsProvider(history);
  const stepsView = vscode.window.createTreeView(STEPS_VIEW, { treeDataProvider: steps, showCollapseAll: true });
  const refreshHistory = (): void => {
    historyCache = undefined;
    cases.refresh();
    sessionsProvider.refresh();
  };

  const debrief = new DebriefPanel(context.extensionUri, (target, stepId) => startRetry(target.model.session?.case ?? 'generic', stepId, target.fileUri));

  // --- the clock in the status bar --------------------------------------------------------
  const clockItem = vscode.window.createStatusBarItem('mlsd.practice.clock', vscode.StatusBarAlignment.Left, 60);
  clockItem.name = 'MLSD Practice Clock';
  clockItem.command = MENU_COMMAND;
  let lastStepsRender = 0;
  let lastShape = '';
  // Context keys for the menus' `when` clauses, set only when they change (the clock renders every second).
  const contextKeys = new Map<string, boolean>();
  const setContext = (key: string, value: boolean): void => {
    if (contextKeys.get(key) === value) return;
    contextKeys.set(key, value);
    void vscode.commands.executeCommand('setContext', key, value);
  };
  const renderClock = (): void => {
    const s = sessions.current();
    const position = sessions.position();
    if (!s || !position) {
      // The session's rows leave the Current Doc view with it.
      if (lastShape !== 'none') {
        lastShape = 'none';
        steps.refresh();
      }
      clockItem.hide();
      setContext('mlsd.practice.active', false);
      stepsView.description = undefined;
      return;
    }
    const paused = sessions.paused();
    const behind = sessions.behind();
    const label = clockLabel(s.phases, position);
    clockItem.text = `${paused ? '$(debug-pause)' : '$(watch)'} ${label}`;
    clockItem.backgroundColor = behind.length > 0 || position.overtimeMs > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**Practice: ${s.caseTitle}**${paused ? ' (paused)' : ''}\n\n`);
    tooltip.appendMarkdown(
      s.phases
        .map((p, i) => `- ${i < position.phaseIndex ? '$(check)' : i === position.phaseIndex ? '$(play)' : '$(circle-outline)'} ${STEP_TITLES[p.stepId] ?? p.title}: ${p.minutes} min`)
        .join('\n'),
    );
    if (behind.length) tooltip.appendMarkdown(`\n\n$(warning) Behind: ${behind.map((p) => STEP_TITLES[p.stepId] ?? p.title).join(', ')} still thin.`);
    tooltip.appendMarkdown('\n\nClick to pause, resume, finish or stop.');
    clockItem.tooltip = tooltip;
    clockItem.accessibilityInformation = { label: `Practice clock: ${label.replace('·', ',')}${paused ? ', paused' : ''}${behind.length ? ', behind the plan' : ''}`, role: 'button' };
    clockItem.show();
    setContext('mlsd.practice.active', true);
    setContext('mlsd.practice.paused', paused);
    stepsView.description = `${paused ? 'paused · ' : ''}${label}`;
    // The view's phase rows show seconds: refresh them at most every 5 s while visible, and at once
    // when the phase, the pause or the behind state changes.
    const now = Date.now();
    const shape = `${s.id}:${position.phaseIndex}:${paused}:${behind.length}`;
    if (shape !== lastShape || (stepsView.visible && now - lastStepsRender > 5000)) {
      lastShape = shape;
      lastStepsRender = now;
      steps.refresh();
    }
  };

  // --- the Current Doc view follows the active editor --------------------------------------
  const activeUri = (): string | undefined => vscode.window.activeTextEditor?.document.uri.toString();
  const followActive = async (): Promise<void> => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'markdown') {
      // Keep the last doc while a non-editor (the debrief, a view) has focus.
      if (!editor && steps.coverage()) return;
      steps.setCoverage(undefined);
      return;
    }
    // Following the editor must not start the server for an ordinary Markdown file (the extension's
    // lazy start): only a possible design doc asks for it; any other gets an answer if it runs.
    const result = deps.mightBeDesignDoc(editor.document) ? await deps.coverageFor(editor.document.uri) : await deps.peekCoverage(editor.document.uri);
    if (activeUri() === editor.document.uri.toString()) steps.setCoverage(result);
  };
  const sameDoc = (a: string, b: string | undefined): boolean => b !== undefined && vscode.Uri.parse(a).toString() === vscode.Uri.parse(b).toString();

  // --- commands ---------------------------------------------------------------------------
  const pickCase = async (): Promise<CaseInfo | undefined> => {
    const progress = history();
    const list = await caseList();
    const picked = await vscode.window.showQuickPick(
      list.map((c) => {
        const rounds = progress.filter((r) => r.case === c.id && r.kind === 'full');
        const best = rounds.reduce((m, r) => Math.max(m, r.readiness), 0);
        return { label: c.title, description: rounds.length ? `best ${best} · ${rounds.length} round${rounds.length === 1 ? '' : 's'}` : 'not tried', detail: c.description, info: c };
      }),
      { title: 'MLSD: Start Practice Session (1/2)', placeHolder: 'Pick a case study', matchOnDetail: true },
    );
    return picked?.info;
  };
  const pickLength = async (): Promise<number | undefined> => {
    const base = readPracticeSettings().phaseMinutes;
    const picked = await vscode.window.showQuickPick(
      SESSION_LENGTHS.map((minutes) => ({
        label: `${minutes} minutes`,
        detail: buildPlan(minutes, base)
          .map((p) => `${STEP_TITLES[p.stepId]?.split(' ')[0]} ${p.minutes}`)
          .join(' · '),
        minutes,
      })),
      { title: 'MLSD: Start Practice Session (2/2)', placeHolder: 'How long is the round?' },
    );
    return picked?.minutes;
  };

  const confirmReplace = async (): Promise<boolean> => {
    if (!sessions.current()) return true;
    const answer = await vscode.window.showWarningMessage('MLSD: a practice session is running. Finish it and start a new one?', 'Finish and Start', 'Cancel');
    if (answer !== 'Finish and Start') return false;
    await finish(false);
    return true;
  };

  const startSession = async (caseArg?: unknown, lengthArg?: unknown): Promise<vscode.Uri | undefined> => {
    const root = workspaceRoot();
    if (!root) {
      void vscode.window.showWarningMessage('MLSD: open a folder to practise in: the session doc and its history are saved in the workspace.');
      return undefined;
    }
    const list = await caseList();
    const info = typeof caseArg === 'string' ? list.find((c) => c.id === caseArg) : await pickCase();
    if (!info) {
      if (typeof caseArg === 'string') void vscode.window.showErrorMessage(`MLSD: no case study "${caseArg}".`);
      return undefined;
    }
    const length = typeof lengthArg === 'number' && lengthArg > 0 ? lengthArg : await pickLength();
    if (!length) return undefined;
    if (!(await confirmReplace())) return undefined;
    const settings = readPracticeSettings();
    const { getTemplateText } = await loadSkeletons();
    const file = practiceDocPath(root, settings.folder, info.id, new Date(time.now()));
    createPracticeDoc(file, getTemplateText(info.id));
    const uri = vscode.Uri.file(file);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: false, viewColumn: vscode.ViewColumn.One });
    await sessions.begin({ caseId: info.id, caseTitle: info.title, kind: 'full', lengthMinutes: length, phases: buildPlan(length, settings.phaseMinutes), file: uri });
    const first = sessions.current()!.phases[0]!;
    void vscode.window.showInformationMessage(`MLSD practice: ${info.title}, ${length} minutes. ${STEP_TITLES[first.stepId]} first (${first.minutes} min). The clock is in the status bar.`);
    return uri;
  };

  const startRetry = async (caseId: string, stepId: string, fileUri?: vscode.Uri): Promise<vscode.Uri | undefined> => {
    const root = workspaceRoot();
    if (!root) return undefined;
    if (!(await confirmReplace())) return undefined;
    const list = await caseList();
    const info = list.find((c) => c.id === caseId) ?? { id: caseId, title: caseId, description: '' };
    // The doc of the debrief, else the case's latest practice doc, else a fresh one from the skeleton.
    const latest = [...history()].reverse().find((r) => r.case === caseId && r.file);
    const candidates = [fileUri, latest ? vscode.Uri.joinPath(vscode.Uri.file(root), ...latest.file.split('/')) : undefined];
    let uri: vscode.Uri | undefined;
    for (const candidate of candidates) {
      if (!candidate) continue;
      try {
        await vscode.workspace.fs.stat(candidate);
        uri = candidate;
        break;
      } catch {
        // Moved or deleted: try the next.
      }
    }
    if (!uri) {
      const { getTemplateText } = await loadSkeletons();
      const file = practiceDocPath(root, readPracticeSettings().folder, info.id, new Date(time.now()));
      createPracticeDoc(file, getTemplateText(info.id));
      uri = vscode.Uri.file(file);
    }
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document, { preview: false, viewColumn: vscode.ViewColumn.One });
    const phases = buildRetryPlan(stepId, readPracticeSettings().phaseMinutes);
    await sessions.begin({ caseId: info.id, caseTitle: info.title, kind: 'retry', lengthMinutes: phases[0]!.minutes, phases, file: uri });
    const coverage = await deps.coverageFor(uri);
    const line = coverage?.items.find((i) => i.id === stepId)?.line;
    if (line !== undefined) {
      const position = new vscode.Position(line, 0);
      editor.selection = new vscode.Selection(position, position);
      editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.AtTop);
    }
    void vscode.window.showInformationMessage(`MLSD practice: retry ${STEP_TITLES[stepId] ?? stepId} on its own, ${phases[0]!.minutes} minutes.`);
    return uri;
  };

  const finish = async (showDebrief = true): Promise<string | undefined> => {
    const done = await sessions.finish();
    if (!done) {
      void vscode.window.showInformationMessage('MLSD: no practice session is running.');
      return undefined;
    }
    refreshHistory();
    if (showDebrief) debrief.show({ model: done.model, fileUri: done.fileUri });
    return done.recordPath;
  };

  const openSession = async (date?: unknown, caseId?: unknown): Promise<void> => {
    const records = history();
    const record = records.find((r) => r.date === date && (caseId === undefined || r.case === caseId)) ?? records.at(-1);
    if (!record) return;
    const root = workspaceRoot();
    const fileUri = root && record.file ? vscode.Uri.joinPath(vscode.Uri.file(root), ...record.file.split('/')) : undefined;
    let coverage: CoverageResult | undefined;
    if (fileUri) {
      try {
        await vscode.workspace.fs.stat(fileUri);
        // The server checks open documents only: open it (not shown) to score it as it is now.
        await vscode.workspace.openTextDocument(fileUri);
        coverage = await deps.coverageFor(fileUri);
      } catch {
        coverage = undefined;
      }
    }
    // The doc as it is now when it is still there (checkpoints with their why); else the record's own scores.
    const usable = coverage?.isDesignDoc && coverage.items.length > 0;
    const items = usable ? coverage!.items : itemsFromRecord(record);
    const upTo = records.filter((r) => Date.parse(r.date) <= Date.parse(record.date));
    const target: DebriefTarget = { model: debriefOf(record, items, usable ? coverage!.readiness : record.readiness, upTo), ...(fileUri && usable ? { fileUri } : {}) };
    debrief.show(target);
  };

  const menu = async (): Promise<void> => {
    const s = sessions.current();
    if (!s) {
      await vscode.commands.executeCommand(START_COMMAND);
      return;
    }
    const paused = sessions.paused();
    const picked = await vscode.window.showQuickPick(
      [
        paused ? { label: '$(debug-start) Resume', id: RESUME_COMMAND } : { label: '$(debug-pause) Pause', id: PAUSE_COMMAND },
        { label: '$(pass) Finish and see the debrief', id: FINISH_COMMAND, detail: 'Scores the doc as it stands and saves the session in .mlsd/practice/' },
        { label: '$(go-to-file) Go to the practice doc', id: 'open' },
        { label: '$(debug-stop) Stop without saving', id: STOP_COMMAND, detail: 'Ends the clock; the doc stays, no history is written' },
      ],
      { title: `Practice: ${s.caseTitle} · ${sessions.label() ?? ''}` },
    );
    if (!picked) return;
    if (picked.id === 'open') {
      await vscode.window.showTextDocument(vscode.Uri.parse(s.fileUri), { preview: false });
      return;
    }
    await vscode.commands.executeCommand(picked.id);
  };

  const insertStep = async (uri?: unknown, stepId?: unknown): Promise<void> => {
    // From a view's inline action the argument is the tree node itself.
    const node = uri as { kind?: string; uri?: string; item?: { id?: string } } | undefined;
    if (node && typeof node === 'object' && typeof node.uri === 'string' && typeof node.item?.id === 'string') {
      uri = node.uri;
      stepId = node.item.id;
    }
    if (typeof uri !== 'string' || typeof stepId !== 'string') return;
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
    await vscode.window.showTextDocument(document, { preview: false });
    await vscode.commands.executeCommand(SHOW_MISSING_COMMAND, stepId);
  };

  const jumpTo = async (uri?: unknown, line?: unknown): Promise<void> => {
    if (typeof uri !== 'string' || typeof line !== 'number') return;
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
    const editor = await vscode.window.showTextDocument(document, { preview: false });
    const position = new vscode.Position(Math.min(line, document.lineCount - 1), 0);
    editor.selection = new vscode.Selection(position, position);
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.AtTop);
  };

  context.subscriptions.push(
    sessions,
    debrief,
    clockItem,
    stepsView,
    vscode.window.registerTreeDataProvider(CASES_VIEW, cases),
    vscode.window.registerTreeDataProvider(SESSIONS_VIEW, sessionsProvider),
    vscode.commands.registerCommand(START_COMMAND, (caseId?: unknown, length?: unknown) => {
      // From the Case Studies view's inline action the argument is the tree node.
      const node = caseId as { kind?: string; info?: { id?: string } } | undefined;
      return startSession(node && typeof node === 'object' && node.kind === 'case' ? node.info?.id : caseId, length);
    }),
    vscode.commands.registerCommand(PAUSE_COMMAND, () => sessions.pause()),
    vscode.commands.registerCommand(RESUME_COMMAND, () => sessions.resume()),
    vscode.commands.registerCommand(STOP_COMMAND, () => sessions.stop()),
    vscode.commands.registerCommand(FINISH_COMMAND, () => finish(true)),
    vscode.commands.registerCommand(MENU_COMMAND, () => menu()),
    vscode.commands.registerCommand(RETRY_COMMAND, (caseId?: unknown, stepId?: unknown) => (typeof caseId === 'string' && typeof stepId === 'string' ? startRetry(caseId, stepId) : undefined)),
    vscode.commands.registerCommand(OPEN_SESSION_COMMAND, (date?: unknown, caseId?: unknown) => openSession(date, caseId)),
    vscode.commands.registerCommand(JUMP_COMMAND, (uri?: unknown, line?: unknown) => jumpTo(uri, line)),
    vscode.commands.registerCommand(INSERT_STEP_COMMAND, (uri?: unknown, stepId?: unknown) => insertStep(uri, stepId)),
    vscode.commands.registerCommand(REFRESH_COMMAND, () => {
      refreshHistory();
      void followActive();
    }),
    sessions.onDidChange(() => renderClock()),
    deps.onDidChangeCoverage((result) => {
      if (sameDoc(result.uri, activeUri())) steps.setCoverage(result);
    }),
    vscode.window.onDidChangeActiveTextEditor(() => void followActive()),
    stepsView.onDidChangeVisibility(() => stepsView.visible && void followActive()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('mlsd.practice')) {
        renderClock();
        steps.refresh();
      }
    }),
  );
  // Another window (or a tool) may add history files: keep the views in step.
  const root = workspaceRoot();
  if (root) {
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(root), '.mlsd/practice/*.json'));
    context.subscriptions.push(watcher, watcher.onDidCreate(refreshHistory), watcher.onDidDelete(refreshHistory), watcher.onDidChange(refreshHistory));
  }
  if (testClock) {
    void vscode.commands.executeCommand('setContext', 'mlsd.practice.testClock', true);
    context.subscriptions.push(
      vscode.commands.registerCommand(ADVANCE_CLOCK_COMMAND, async (ms?: unknown) => {
        let amount = typeof ms === 'number' ? ms : undefined;
        if (amount === undefined) {
          const typed = await vscode.window.showInputBox({ title: 'Advance the practice clock (test)', prompt: 'Minutes', value: '5' });
          amount = typed ? Number(typed) * 60_000 : undefined;
        }
        if (!amount || !Number.isFinite(amount)) return;
        await testClock.advance(amount);
        sessions.tick();
      }),
    );
  }
  renderClock();
  void followActive();

  return {
    session: () => {
      const s = sessions.current();
      if (!s) return undefined;
      const position = sessions.position()!;
      return {
        caseId: s.caseId,
        file: s.fileUri,
        phase: s.phases[position.phaseIndex]?.stepId,
        label: sessions.label(),
        paused: sessions.paused(),
        behind: sessions.behind().length > 0,
        stepMs: { ...s.ledger.stepMs },
      };
    },
    clock: () => ({ visible: sessions.current() !== undefined, text: clockItem.text, warning: clockItem.backgroundColor !== undefined }),
    notifications: () => [...sessions.notifications],
    stepsView: () => flatten(steps),
    casesView: () => flatten(cases),
    sessionsView: () => flatten(sessionsProvider),
    debriefRendered: () => debrief.lastRendered(),
    history: () => {
      historyCache = undefined;
      return history();
    },
  };
}
