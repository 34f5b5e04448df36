// The "Design Practice" views in their own activity-bar container:
//   Case Studies  every template with its status (not tried / attempts, best readiness, last date,
//                 a sparkline of readiness over rounds); start a session from its inline action.
//   Current Doc   the active design doc's seven steps with their score (0-3) and checkpoints, the
//                 two checks and the readiness; while a session runs, its phases with the clock.
//                 Clicking a step or a met checkpoint jumps to its line; a missing step offers to
//                 insert its skeleton (the missing-step quick fix, through mlsd.showMissing).
//   Sessions      the finished sessions, newest first; clicking one opens its debrief.
// Icons are codicons coloured with theme colours, so light, dark and high-contrast themes all work.
import * as vscode from 'vscode';
import type { CoverageItem, CoverageResult } from '../../../server/src/protocol';
import { progressByCase, sparkline, type CaseProgress, type PracticeSessionRecord } from '../../../server/src/cli/format-report';
import { formatClock, STEP_TITLES } from './plan';
import type { PracticeSessions } from './session';

export const CASES_VIEW = 'mlsd.practice.cases';
export const STEPS_VIEW = 'mlsd.practice.steps';
export const SESSIONS_VIEW = 'mlsd.practice.sessions';

export const START_COMMAND = 'mlsd.practice.start';
export const OPEN_SESSION_COMMAND = 'mlsd.practice.openSession';
export const JUMP_COMMAND = 'mlsd.practice.jumpTo';
export const INSERT_STEP_COMMAND = 'mlsd.practice.insertStep';

const SCORE_ICON: Record<number, vscode.ThemeIcon> = {
  0: new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('errorForeground')),
  1: new vscode.ThemeIcon('circle-large-outline', new vscode.ThemeColor('editorWarning.foreground')),
  2: new vscode.ThemeIcon('pass', new vscode.ThemeColor('charts.blue')),
  3: new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed')),
};
const BAND = ['missing', 'weak', 'solid', 'strong'];

export interface CaseInfo {
  id: string;
  title: string;
  description: string;
}

function relativeDay(iso: string, now: number): string {
  const days = Math.floor((now - Date.parse(iso)) / 86_400_000);
  if (days <= 0) return 'today';
  if (days === 1) return 'yesterday';
  if (days < 14) return `${days} days ago`;
  return iso.slice(0, 10);
}

// ---------------------------------------------------------------------------------------------

type CaseNode = { kind: 'case'; info: CaseInfo; progress?: CaseProgress };

export class CasesProvider implements vscode.TreeDataProvider<CaseNode> {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.emitter.event;

  constructor(
    private readonly cases: () => Promise<CaseInfo[]>,
    private readonly history: () => PracticeSessionRecord[],
    private readonly now: () => number,
  ) {}

  refresh(): void {
    this.emitter.fire();
  }

  async getChildren(element?: CaseNode): Promise<CaseNode[]> {
    if (element) return [];
    const progress = progressByCase(this.history());
    return (await this.cases()).map((info) => ({ kind: 'case', info, ...(progress.has(info.id) ? { progress: progress.get(info.id)! } : {}) }));
  }

  getTreeItem(node: CaseNode): vscode.TreeItem {
    const item = new vscode.TreeItem(node.info.title, vscode.TreeItemCollapsibleState.None);
    item.id = `case:${node.info.id}`;
    const p = node.progress;
    if (p) {
      // The sparkline only once there is a trend to show.
      item.description = `best ${p.bestReadiness} · ${p.attempts} round${p.attempts === 1 ? '' : 's'} · ${relativeDay(p.lastDate, this.now())}${p.series.length > 1 ? `  ${sparkline(p.series.slice(-8))}` : ''}`;
      item.iconPath = new vscode.ThemeIcon(p.bestReadiness >= 65 ? 'pass-filled' : 'history', new vscode.ThemeColor(p.bestReadiness >= 65 ? 'testing.iconPassed' : 'charts.blue'));
      item.contextValue = 'mlsdCase.attempted';
    } else {
      item.description = 'not tried';
      item.iconPath = new vscode.ThemeIcon('circle-large-outline', new vscode.ThemeColor('descriptionForeground'));
      item.contextValue = 'mlsdCase.new';
    }
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**${escapeMd(node.info.title)}**\n\n${escapeMd(node.info.description)}\n\n`);
    if (p) {
      tooltip.appendMarkdown(
        `${p.attempts} round${p.attempts === 1 ? '' : 's'} · best readiness ${p.bestReadiness} · last ${p.lastReadiness} on ${p.lastDate.slice(0, 10)}\n\nReadiness over rounds: ${p.series.join(' → ')}`,
      );
      if (p.series.length > 1) tooltip.appendMarkdown(`\n\n![Readiness over rounds](${progressSvgDataUri(p.series.slice(-12))})`);
    } else tooltip.appendMarkdown('Not tried yet.');
    item.tooltip = tooltip;
    item.accessibilityInformation = { label: `${node.info.title}: ${p ? `best readiness ${p.bestReadiness}, ${p.attempts} rounds` : 'not tried'}` };
    item.command = { command: START_COMMAND, title: 'Start Practice Session', arguments: [node.info.id] };
    return item;
  }
}

// ---------------------------------------------------------------------------------------------

type StepNode =
  | { kind: 'session' }
  | { kind: 'phase'; index: number }
  | { kind: 'readiness'; result: CoverageResult }
  | { kind: 'step'; item: CoverageItem; uri: string }
  | { kind: 'checkpoint'; item: CoverageItem; index: number; uri: string }
  | { kind: 'check'; item: CoverageItem; uri: string }
  | { kind: 'empty'; message: string };

export class StepsProvider implements vscode.TreeDataProvider<StepNode> {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.emitter.event;
  private result: CoverageResult | undefined;

  constructor(private readonly sessions: PracticeSessions) {}

  private shown = '';

  /**
   * The coverage of the active doc. The server sends it after every analysis, mostly unchanged
   * (a keystroke elsewhere, a diagram validated): the view re-renders only when what it shows
   * changed, since a re-render drops the row under the mouse and the click on its inline action.
   */
  setCoverage(result: CoverageResult | undefined): void {
    this.result = result;
    const shown = result === undefined ? '' : JSON.stringify(result);
    if (shown === this.shown) return;
    this.shown = shown;
    this.emitter.fire();
  }

  coverage(): CoverageResult | undefined {
    return this.result;
  }

  refresh(): void {
    this.emitter.fire();
  }

  getChildren(element?: StepNode): StepNode[] {
    const session = this.sessions.current();
    if (!element) {
      const roots: StepNode[] = [];
      if (session) roots.push({ kind: 'session' });
      const result = this.result;
      if (!result || !result.isDesignDoc) {
        roots.push({ kind: 'empty', message: result ? 'The active file is not checked as a design doc.' : 'Open a design doc to see its steps.' });
        return roots;
      }
      roots.push({ kind: 'readiness', result });
      for (const item of result.items) roots.push(item.kind === 'step' ? { kind: 'step', item, uri: result.uri } : { kind: 'check', item, uri: result.uri });
      return roots;
    }
    if (element.kind === 'session' && session) return session.phases.map((_, index) => ({ kind: 'phase', index }));
    if (element.kind === 'step') return (element.item.checkpoints ?? []).map((_, index) => ({ kind: 'checkpoint', item: element.item, index, uri: element.uri }));
    return [];
  }

  getTreeItem(node: StepNode): vscode.TreeItem {
    switch (node.kind) {
      case 'empty': {
        const item = new vscode.TreeItem(node.message);
        item.iconPath = new vscode.ThemeIcon('info');
        return item;
      }
      case 'session': {
        const s = this.sessions.current()!;
        const position = this.sessions.position()!;
        const item = new vscode.TreeItem(`${s.caseTitle}`, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `session:${s.id}`;
        const paused = this.sessions.paused();
        const pct = Math.min(100, Math.round((position.elapsedMs / Math.max(1, position.totalMs)) * 100));
        // The clock itself is in the view's title and the status bar: the row says how far the round is.
        item.description = `${paused ? 'paused · ' : ''}${pct}% of ${s.lengthMinutes} min${s.kind === 'retry' ? ' · retry' : ''}`;
        const behind = this.sessions.behind();
        item.iconPath = new vscode.ThemeIcon(paused ? 'debug-pause' : 'watch', new vscode.ThemeColor(behind.length ? 'editorWarning.foreground' : 'charts.blue'));
        item.contextValue = paused ? 'mlsdSession.paused' : 'mlsdSession.running';
        item.tooltip = `${s.kind === 'retry' ? 'Retry' : 'Practice round'} on ${s.fileRel}${behind.length ? `\nBehind: ${behind.map((p) => STEP_TITLES[p.stepId] ?? p.title).join(', ')} still thin` : ''}`;
        return item;
      }
      case 'phase': {
        const s = this.sessions.current()!;
        const phase = s.phases[node.index]!;
        const position = this.sessions.position()!;
        const item = new vscode.TreeItem(STEP_TITLES[phase.stepId] ?? phase.title);
        item.id = `phase:${s.id}:${node.index}`;
        const spent = Math.round((s.ledger.stepMs[phase.stepId] ?? 0) / 60_000);
        const score = this.sessions.scoreOf(phase.stepId);
        let state: string;
        if (node.index < position.phaseIndex) {
          const thin = (score ?? 0) <= 1;
          item.iconPath = new vscode.ThemeIcon(thin ? 'warning' : 'check', new vscode.ThemeColor(thin ? 'editorWarning.foreground' : 'testing.iconPassed'));
          item.description = thin ? 'still thin' : 'done';
          state = thin ? 'time is up, the step is still thin' : 'done';
        } else if (node.index === position.phaseIndex) {
          item.iconPath = new vscode.ThemeIcon('play-circle', new vscode.ThemeColor('charts.blue'));
          item.description = `${formatClock(position.remainingMs)} left`;
          state = `now, ${formatClock(position.remainingMs)} left`;
        } else {
          item.iconPath = new vscode.ThemeIcon('circle-outline', new vscode.ThemeColor('descriptionForeground'));
          item.description = `${phase.minutes} min`;
          state = 'to come';
        }
        item.tooltip = `${STEP_TITLES[phase.stepId] ?? phase.title}: ${phase.minutes} min planned, ${spent} min of writing so far (${state})`;
        return item;
      }
      case 'readiness': {
        const value = node.result.readiness ?? 0;
        const band = value >= 85 ? 'strong' : value >= 65 ? 'ready' : value >= 35 ? 'getting there' : 'not ready';
        const item = new vscode.TreeItem(`Readiness ${value}`);
        item.id = `readiness:${node.result.uri}`;
        item.description = band;
        item.iconPath = new vscode.ThemeIcon('dashboard', new vscode.ThemeColor(value >= 65 ? 'testing.iconPassed' : value >= 35 ? 'charts.orange' : 'errorForeground'));
        item.tooltip = 'How ready the doc is (0-100), from the step scores and the two checks.';
        return item;
      }
      case 'step': {
        const it = node.item;
        const score = it.score ?? (it.status === 'missing' ? 0 : it.status === 'thin' ? 1 : 2);
        const checkpoints = it.checkpoints ?? [];
        const met = checkpoints.filter((c) => c.met).length;
        const item = new vscode.TreeItem(it.title, checkpoints.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.id = `step:${node.uri}:${it.id}`;
        item.description = `${score}/3 ${BAND[score]}${checkpoints.length ? ` · ${met}/${checkpoints.length} checkpoints` : ''}`;
        item.iconPath = SCORE_ICON[score];
        item.contextValue = it.status === 'missing' ? 'mlsdStep.missing' : 'mlsdStep.present';
        const tooltip = new vscode.MarkdownString(undefined, true);
        tooltip.appendMarkdown(`**${escapeMd(it.title)}**: ${score}/3 (${BAND[score]}), ${it.status}\n\n${escapeMd(it.reason)}`);
        if (checkpoints.length) tooltip.appendMarkdown(`\n\n${checkpoints.map((c) => `- ${c.met ? '$(pass)' : '$(circle-large-outline)'} ${escapeMd(c.title)}`).join('\n')}`);
        item.tooltip = tooltip;
        item.accessibilityInformation = { label: `${it.title}: score ${score} of 3, ${BAND[score]}, ${met} of ${checkpoints.length} checkpoints met` };
        item.command =
          it.line !== undefined
            ? { command: JUMP_COMMAND, title: 'Go to the step', arguments: [node.uri, it.line] }
            : { command: INSERT_STEP_COMMAND, title: 'Insert the step skeleton', arguments: [node.uri, it.id] };
        return item;
      }
      case 'checkpoint': {
        const c = (node.item.checkpoints ?? [])[node.index]!;
        const item = new vscode.TreeItem(c.title);
        item.id = `checkpoint:${node.uri}:${node.item.id}:${c.id}`;
        item.iconPath = c.met
          ? new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'))
          : new vscode.ThemeIcon('circle-large-outline', new vscode.ThemeColor('descriptionForeground'));
        item.description = c.met ? (c.line !== undefined ? `line ${c.line + 1}` : 'met') : 'not yet';
        if (c.why) item.tooltip = c.why;
        const line = c.line ?? node.item.line;
        if (line !== undefined) item.command = { command: JUMP_COMMAND, title: 'Go to the line', arguments: [node.uri, line] };
        return item;
      }
      case 'check': {
        const it = node.item;
        const item = new vscode.TreeItem(it.title);
        item.id = `check:${node.uri}:${it.id}`;
        const ok = it.status === 'present';
        item.iconPath = new vscode.ThemeIcon(ok ? 'verified-filled' : 'warning', new vscode.ThemeColor(ok ? 'testing.iconPassed' : 'editorWarning.foreground'));
        item.description = ok ? (it.evidence ? `“${it.evidence}”` : 'present') : it.status;
        item.tooltip = it.reason;
        item.contextValue = ok ? 'mlsdCheck.present' : 'mlsdCheck.missing';
        item.command =
          it.line !== undefined
            ? { command: JUMP_COMMAND, title: 'Go to the line', arguments: [node.uri, it.line] }
            : { command: INSERT_STEP_COMMAND, title: 'Insert it', arguments: [node.uri, it.id] };
        return item;
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------

type SessionNode = { kind: 'record'; record: PracticeSessionRecord; index: number } | { kind: 'empty' };

export class SessionsProvider implements vscode.TreeDataProvider<SessionNode> {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.emitter.event;

  constructor(private readonly history: () => PracticeSessionRecord[]) {}

  refresh(): void {
    this.emitter.fire();
  }

  getChildren(element?: SessionNode): SessionNode[] {
    if (element) return [];
    const records = this.history();
    if (records.length === 0) return [{ kind: 'empty' }];
    return records.map((record, index) => ({ kind: 'record' as const, record, index })).reverse();
  }

  getTreeItem(node: SessionNode): vscode.TreeItem {
    if (node.kind === 'empty') {
      const item = new vscode.TreeItem('No finished sessions yet');
      item.iconPath = new vscode.ThemeIcon('info');
      return item;
    }
    const r = node.record;
    const item = new vscode.TreeItem(`${r.caseTitle}${r.kind === 'retry' ? ` · retry ${STEP_TITLES[r.steps.find((s) => s.plannedMinutes > 0)?.id ?? ''] ?? ''}` : ''}`);
    item.id = `record:${r.date}:${r.case}`;
    item.description = `${r.readiness} · ${r.date.slice(0, 10)} ${r.date.slice(11, 16)} · ${r.lengthMinutes} min`;
    item.iconPath = new vscode.ThemeIcon(
      r.kind === 'retry' ? 'debug-restart' : 'notebook',
      new vscode.ThemeColor(r.readiness >= 65 ? 'testing.iconPassed' : r.readiness >= 35 ? 'charts.orange' : 'errorForeground'),
    );
    item.tooltip = `${r.caseTitle}: readiness ${r.readiness}\n${r.steps.map((s) => `${s.title}: ${s.score}/3, ${s.spentMinutes}/${s.plannedMinutes} min`).join('\n')}\n${r.file}`;
    item.command = { command: OPEN_SESSION_COMMAND, title: 'Open the debrief', arguments: [r.date, r.case] };
    return item;
  }
}

function escapeMd(text: string): string {
  return text.replace(/[\\`*_{}[\]<>#|]/g, (c) => `\\${c}`);
}

/**
 * A small chart of readiness over rounds as an SVG image for the case's tooltip. A standalone image
 * cannot read theme variables, so it uses a mid-tone blue and grey that read on light, dark and
 * high-contrast backgrounds alike.
 */
export function progressSvgDataUri(series: readonly number[]): string {
  const w = 220;
  const h = 64;
  const pad = 6;
  const x = (i: number) => pad + (series.length === 1 ? (w - 2 * pad) / 2 : (i / (series.length - 1)) * (w - 2 * pad));
  const y = (v: number) => pad + (h - 2 * pad) * (1 - Math.max(0, Math.min(100, v)) / 100);
  const points = series.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  const dots = series.map((v, i) => `<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3" fill="#3794ff"/>`).join('');
  const guides = [0, 50, 100].map((v) => `<line x1="${pad}" x2="${w - pad}" y1="${y(v)}" y2="${y(v)}" stroke="#8888" stroke-width="1"/>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">${guides}<polyline points="${points}" fill="none" stroke="#3794ff" stroke-width="2"/>${dots}</svg>`;
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}
