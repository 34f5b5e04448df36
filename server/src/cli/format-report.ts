// The practice debrief as data, text and JSON: `mlsd-lint --report FILE` prints it, and the VS Code
// extension's debrief page renders the same model (client/src/practice/debriefHtml.ts), so a writer
// in Neovim and one in VS Code read the same verdict. Also the format of the session history files
// (`.mlsd/practice/*.json`, see README "Practice mode"), read here so the CLI can add the minutes
// of the latest practice session on the file and the progress over attempts.
//
// Pure apart from `historyForFile` and `writeReport` (which read files and write to the CLI's streams).
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { readiness as readinessOf, readinessBand, scoreBand, scoreStep } from '../engine/judgment/score';
import { coverageIds } from '../engine/coverage';
import { stepTitle } from '../engine/vocabulary';
import type { CheckpointResult, Coverage, CoverageStatus, StepScore, Rubric } from '../engine/types';
import type { CoverageItem } from '../protocol';
import { escapeControlCharacters, type Palette } from './format-text';
import type { RunReport } from './report';

// ---------------------------------------------------------------------------------------------
// Session history files

/** One finished practice session, as saved in `.mlsd/practice/<case>-<stamp>.json`. */
export interface PracticeSessionRecord {
  /** Format version of this file. */
  version: 1;
  /** Case-study id (`templates/<case>.md`), or "generic". */
  case: string;
  caseTitle: string;
  /** ISO 8601 time the session finished. */
  date: string;
  /** ISO 8601 time it started. */
  startedAt: string;
  /** Planned length in minutes (45 or 60 for a full round; a retry's single phase). */
  lengthMinutes: number;
  /** Minutes on the clock when it finished (pauses excluded). */
  elapsedMinutes: number;
  /** "full": the seven phases; "retry": one step on its own. */
  kind: 'full' | 'retry';
  finishedEarly: boolean;
  /** The practice doc, relative to the workspace folder (forward slashes). */
  file: string;
  /** 0-100. */
  readiness: number;
  steps: PracticeStepRecord[];
  /** Status of the two checks when the session finished. */
  checks: Record<string, CoverageStatus>;
}

export interface PracticeStepRecord {
  id: string;
  title: string;
  score: StepScore;
  /** Minutes the plan gave the step (0 when the session did not time it). */
  plannedMinutes: number;
  /** Minutes of editing attributed to the step's section. */
  spentMinutes: number;
  checkpointsMet: string[];
  checkpointsMissed: string[];
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Validates a parsed history file; undefined when it is not one (other tools' files, older formats, damage). */
export function parseSessionRecord(value: unknown): PracticeSessionRecord | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const r = value as Record<string, unknown>;
  if (r.version !== 1 || !isString(r.case) || !isString(r.date) || !isNumber(r.readiness) || !Array.isArray(r.steps)) return undefined;
  if (Number.isNaN(Date.parse(r.date))) return undefined;
  const steps: PracticeStepRecord[] = [];
  for (const s of r.steps as unknown[]) {
    if (!s || typeof s !== 'object') return undefined;
    const step = s as Record<string, unknown>;
    if (!isString(step.id) || !isNumber(step.score)) return undefined;
    steps.push({
      id: step.id,
      title: isString(step.title) ? step.title : step.id,
      score: Math.max(0, Math.min(3, Math.round(step.score))) as StepScore,
      plannedMinutes: isNumber(step.plannedMinutes) ? step.plannedMinutes : 0,
      spentMinutes: isNumber(step.spentMinutes) ? step.spentMinutes : 0,
      checkpointsMet: Array.isArray(step.checkpointsMet) ? step.checkpointsMet.filter(isString) : [],
      checkpointsMissed: Array.isArray(step.checkpointsMissed) ? step.checkpointsMissed.filter(isString) : [],
    });
  }
  const checks: Record<string, CoverageStatus> = {};
  if (r.checks && typeof r.checks === 'object') {
    for (const [k, v] of Object.entries(r.checks as Record<string, unknown>)) if (v === 'present' || v === 'thin' || v === 'missing') checks[k] = v;
  }
  return {
    version: 1,
    case: r.case,
    caseTitle: isString(r.caseTitle) ? r.caseTitle : r.case,
    date: r.date,
    startedAt: isString(r.startedAt) ? r.startedAt : r.date,
    lengthMinutes: isNumber(r.lengthMinutes) ? r.lengthMinutes : 0,
    elapsedMinutes: isNumber(r.elapsedMinutes) ? r.elapsedMinutes : 0,
    kind: r.kind === 'retry' ? 'retry' : 'full',
    finishedEarly: r.finishedEarly === true,
    file: isString(r.file) ? r.file : '',
    readiness: Math.max(0, Math.min(100, Math.round(r.readiness))),
    steps,
    checks,
  };
}

/** Every valid session file in `dir`, oldest first; unreadable or foreign files are skipped. */
/** A session record is a few KB; the history keeps the newest files only. */
const MAX_SESSION_RECORD_BYTES = 256 * 1024;
const MAX_SESSION_RECORDS = 500;

/**
 * The session records in `dir`, oldest first. The folder is in the repository, so it is read
 * defensively: only regular files (no symbolic links, pipes or devices, which could block or never
 * end), at most MAX_SESSION_RECORD_BYTES each, the newest MAX_SESSION_RECORDS by name.
 */
export function readSessionRecords(dir: string): PracticeSessionRecord[] {
  let names: string[];
  try {
    // `.mlsd` and `practice` themselves must not be links out of the workspace.
    const workspace = dirname(dirname(resolve(dir)));
    if (realpathSync(dir) !== join(realpathSync(workspace), basename(dirname(resolve(dir))), basename(resolve(dir)))) return [];
    names = readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .slice(-MAX_SESSION_RECORDS);
  } catch {
    return [];
  }
  const out: PracticeSessionRecord[] = [];
  for (const name of names) {
    try {
      const path = join(dir, name);
      const stats = lstatSync(path);
      if (!stats.isFile() || stats.size > MAX_SESSION_RECORD_BYTES) continue;
      const record = parseSessionRecord(JSON.parse(readFileSync(path, 'utf8')));
      if (record) out.push(record);
    } catch {
      // A damaged or half-written file is not a session.
    }
  }
  return out.sort((a, b) => Date.parse(a.date) - Date.parse(b.date));
}

/** Per case: attempts, best and last readiness, last date, readiness over attempts (full rounds only). */
export interface CaseProgress {
  case: string;
  attempts: number;
  bestReadiness: number;
  lastReadiness: number;
  lastDate: string;
  series: number[];
}

export function progressByCase(records: readonly PracticeSessionRecord[]): Map<string, CaseProgress> {
  const out = new Map<string, CaseProgress>();
  for (const record of [...records].sort((a, b) => Date.parse(a.date) - Date.parse(b.date))) {
    if (record.kind !== 'full') continue;
    const p = out.get(record.case) ?? { case: record.case, attempts: 0, bestReadiness: 0, lastReadiness: 0, lastDate: record.date, series: [] };
    p.attempts++;
    p.bestReadiness = Math.max(p.bestReadiness, record.readiness);
    p.lastReadiness = record.readiness;
    p.lastDate = record.date;
    p.series.push(record.readiness);
    out.set(record.case, p);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The debrief model

export interface DebriefStep {
  id: string;
  title: string;
  status: CoverageStatus;
  score: StepScore;
  band: ReturnType<typeof scoreBand>;
  reason: string;
  line?: number;
  met: { id: string; title: string; line?: number }[];
  missed: { id: string; title: string; why?: string }[];
  plannedMinutes?: number;
  spentMinutes?: number;
  /** The step's score in the case's previous session, when there is one (the retry loop: did it improve?). */
  previousScore?: StepScore;
}

export interface DebriefCheck {
  id: string;
  title: string;
  status: CoverageStatus;
  reason: string;
  evidence?: string;
  line?: number;
}

export interface DebriefModel {
  /** What is debriefed: the case title, or the file name. */
  title: string;
  /** The file, as the caller wants it shown. */
  file: string;
  readiness: number;
  readinessBand: ReturnType<typeof readinessBand>;
  steps: DebriefStep[];
  checks: DebriefCheck[];
  /** The step to retry: the lowest score among the timed steps (ties: most checkpoints missed, then the plan's order). */
  weakestStep?: string;
  session?: {
    case: string;
    caseTitle: string;
    kind: 'full' | 'retry';
    date: string;
    lengthMinutes: number;
    elapsedMinutes: number;
    finishedEarly: boolean;
  };
  /** Readiness of the earlier full rounds of this case and this one, oldest first. */
  progress: { date: string; readiness: number }[];
}

export interface DebriefInput {
  title: string;
  file: string;
  items: readonly CoverageItem[];
  readiness?: number;
  /** Minutes per step id, planned and spent, when a session timed the doc. */
  minutes?: Record<string, { planned: number; spent: number }>;
  session?: DebriefModel['session'];
  /** Earlier sessions of the case (any order); only full rounds are charted. */
  history?: readonly PracticeSessionRecord[];
  /** Steps the session covered (a retry covers one); default all. */
  timedSteps?: readonly string[];
}

function checkpointsOf(item: CoverageItem): CheckpointResult[] {
  return Array.isArray(item.checkpoints) ? item.checkpoints : [];
}

export function buildDebriefModel(input: DebriefInput): DebriefModel {
  // The case's session before this one (a retry compares with the round it retries).
  const sessionTime = input.session ? Date.parse(input.session.date) : Number.POSITIVE_INFINITY;
  const previous = (input.history ?? [])
    .filter((r) => (input.session === undefined || r.case === input.session.case) && Date.parse(r.date) < sessionTime)
    .sort((a, b) => Date.parse(a.date) - Date.parse(b.date))
    .at(-1);
  const steps: DebriefStep[] = input.items
    .filter((item) => item.kind === 'step')
    .map((item) => {
      const before = input.session ? previous?.steps.find((st) => st.id === item.id) : undefined;
      const checkpoints = checkpointsOf(item);
      const score = item.score ?? scoreStep(item.status, checkpoints);
      const minutes = input.minutes?.[item.id];
      return {
        id: item.id,
        title: item.title,
        status: item.status,
        score,
        band: scoreBand(score),
        reason: item.reason,
        ...(item.line !== undefined ? { line: item.line } : {}),
        met: checkpoints.filter((c) => c.met).map((c) => ({ id: c.id, title: c.title, ...(c.line !== undefined ? { line: c.line } : {}) })),
        missed: checkpoints.filter((c) => !c.met).map((c) => ({ id: c.id, title: c.title, ...(c.why ? { why: c.why } : {}) })),
        ...(minutes ? { plannedMinutes: minutes.planned, spentMinutes: minutes.spent } : {}),
        ...(before ? { previousScore: before.score } : {}),
      };
    });
  const checks: DebriefCheck[] = input.items
    .filter((item) => item.kind === 'check')
    .map((item) => ({
      id: item.id,
      title: item.title,
      status: item.status,
      reason: item.reason,
      ...(item.evidence !== undefined ? { evidence: item.evidence } : {}),
      ...(item.line !== undefined ? { line: item.line } : {}),
    }));
  const stepScoreSum = steps.reduce((sum, s) => sum + s.score, 0);
  const fallbackReadiness = steps.length ? Math.round((100 * (stepScoreSum + 1.5 * checks.filter((c) => c.status === 'present').length)) / (3 * steps.length + 1.5 * checks.length)) : 0;
  const value = Math.max(0, Math.min(100, Math.round(input.readiness ?? fallbackReadiness)));
  const timed = input.timedSteps ? steps.filter((s) => input.timedSteps!.includes(s.id)) : steps;
  const weakest = [...timed].sort((a, b) => a.score - b.score || b.missed.length - a.missed.length)[0];
  const sessionCase = input.session?.case;
  const progress = (input.history ?? [])
    .filter((r) => r.kind === 'full' && (sessionCase === undefined || r.case === sessionCase))
    .sort((a, b) => Date.parse(a.date) - Date.parse(b.date))
    .map((r) => ({ date: r.date, readiness: r.readiness }));
  return {
    title: input.title,
    file: input.file,
    readiness: value,
    readinessBand: readinessBand(value),
    steps,
    checks,
    ...(weakest && weakest.score < 3 ? { weakestStep: weakest.id } : {}),
    ...(input.session ? { session: input.session } : {}),
    progress,
  };
}

/** Coverage items from an engine coverage (the CLI lints in-process; the server builds the same in lsp/service.ts). */
export function coverageItemsOf(coverage: Coverage, rubric: Rubric | undefined): CoverageItem[] {
  return coverageIds(coverage, rubric).map((id) => {
    const entry = coverage[id]!;
    const kind: 'step' | 'check' = rubric ? (rubric.steps.some((s) => s.id === id) ? 'step' : 'check') : id === 'metric-gap' || id === 'latency-budget' ? 'check' : 'step';
    return {
      id,
      title: rubric ? stepTitle(id, rubric) : stepTitle(id),
      kind,
      status: entry.status,
      reason: entry.reason,
      ...(entry.line !== undefined ? { line: entry.line } : {}),
      ...(entry.evidence !== undefined ? { evidence: entry.evidence } : {}),
      ...(kind === 'step' ? { score: entry.score ?? scoreStep(entry.status, entry.checkpoints), checkpoints: entry.checkpoints ?? [] } : {}),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Text and JSON

const STATUS_WORD: Record<CoverageStatus, string> = { present: 'present', thin: 'thin', missing: 'missing' };

export function formatReportText(unsafeModel: DebriefModel, colors: Palette): string {
  // Titles, evidence and file names come from the document: no terminal escapes or forged lines.
  const model = escapeStrings(unsafeModel);
  const out: string[] = [];
  const bandColor = (score: number) => (score >= 3 ? colors.green : score === 2 ? colors.blue : score === 1 ? colors.yellow : colors.red);
  out.push(colors.bold(`Debrief: ${model.title}`) + (model.file !== model.title ? colors.dim(`  ${model.file}`) : ''));
  if (model.session) {
    const s = model.session;
    out.push(
      colors.dim(
        `${s.kind === 'retry' ? 'Retry' : 'Practice round'} of ${s.lengthMinutes} min, ${s.elapsedMinutes} min on the clock${s.finishedEarly ? ', finished early' : ''} · ${s.date.slice(0, 10)}`,
      ),
    );
  }
  const readinessColor = model.readiness >= 65 ? colors.green : model.readiness >= 35 ? colors.yellow : colors.red;
  out.push(`Readiness ${readinessColor(`${model.readiness}/100`)} · ${model.readinessBand}`);
  out.push('');
  const timed = model.steps.some((s) => s.plannedMinutes !== undefined);
  const width = Math.max(4, ...model.steps.map((s) => s.title.length));
  out.push(colors.dim(`  ${'Step'.padEnd(width)}  Score  ${'Band'.padEnd(7)}  Checkpoints${timed ? '  Minutes (spent/plan)' : ''}`));
  for (const step of model.steps) {
    const total = step.met.length + step.missed.length;
    const checkpoints = total ? `${step.met.length}/${total}` : '-';
    const minutes = timed ? `  ${(step.spentMinutes ?? 0).toFixed(1)}/${step.plannedMinutes ?? 0}` : '';
    const was = step.previousScore !== undefined && step.previousScore !== step.score ? colors.dim(`  (was ${step.previousScore}/3)`) : '';
    out.push(`  ${step.title.padEnd(width)}  ${bandColor(step.score)(`${step.score}/3`)}    ${step.band.padEnd(7)}  ${checkpoints.padEnd(11)}${minutes}${was}`);
  }
  const withMisses = model.steps.filter((s) => s.missed.length > 0 || s.score <= 1);
  if (withMisses.length) {
    out.push('');
    out.push(colors.bold('What an interviewer would still ask for'));
    for (const step of withMisses) {
      out.push(`  ${step.title} (${step.score}/3, ${STATUS_WORD[step.status]}${step.line !== undefined ? `, line ${step.line + 1}` : ''})`);
      if (step.missed.length === 0) out.push(`    ${colors.dim(step.reason)}`);
      for (const miss of step.missed) out.push(`    ${colors.red('✗')} ${miss.title}${miss.why ? colors.dim(` — ${miss.why}`) : ''}`);
    }
  }
  if (model.checks.length) {
    out.push('');
    for (const check of model.checks) {
      const mark = check.status === 'present' ? colors.green('✓') : colors.red('✗');
      const where = check.line !== undefined ? ` (line ${check.line + 1})` : '';
      const evidence = check.evidence ? ` "${check.evidence}"` : '';
      out.push(`${mark} ${check.title}: ${check.status}${evidence}${where}${check.reason ? colors.dim(` — ${check.reason}`) : ''}`);
    }
  }
  if (model.progress.length > 1) {
    out.push('');
    out.push(`Progress over ${model.progress.length} rounds: ${model.progress.map((p) => p.readiness).join(' → ')}  ${sparkline(model.progress.map((p) => p.readiness))}`);
  }
  if (model.weakestStep) {
    const weakest = model.steps.find((s) => s.id === model.weakestStep)!;
    out.push('');
    out.push(`Weakest step: ${colors.bold(weakest.title)} (${weakest.score}/3). Retry it on its own, then compare with the worked example (templates/examples/).`);
  }
  return `${out.join('\n')}\n`;
}

/** A copy of plain data with control characters escaped in every string (escapeControlCharacters). */
function escapeStrings<T>(value: T): T {
  if (typeof value === 'string') return escapeControlCharacters(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => escapeStrings(item)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, escapeStrings(item)])) as T;
  }
  return value;
}

/** ▁▂▃▄▅▆▇█ for 0-100. */
export function sparkline(values: readonly number[]): string {
  const bars = '▁▂▃▄▅▆▇█';
  return values.map((v) => bars[Math.max(0, Math.min(7, Math.floor((Math.max(0, Math.min(100, v)) / 100) * 7.999)))]).join('');
}

export function formatReportJson(model: DebriefModel): string {
  // One-based lines in JSON, as the CLI's other JSON output.
  const oneBased = (line: number | undefined) => (line === undefined ? undefined : line + 1);
  return `${JSON.stringify(
    {
      ...model,
      steps: model.steps.map((s) => ({ ...s, line: oneBased(s.line), met: s.met.map((m) => ({ ...m, line: oneBased(m.line) })) })),
      checks: model.checks.map((c) => ({ ...c, line: oneBased(c.line) })),
    },
    null,
    2,
  )}\n`;
}

// ---------------------------------------------------------------------------------------------
// The CLI's --report

/** The history folder of the workspace holding `file`: the nearest `.mlsd/practice/` upwards. */
export function findHistoryDir(file: string): string | undefined {
  // Not above the repository root (the folder holding .git), as the config lookup: another project's history is not this doc's.
  for (let dir = dirname(resolve(file)); ; dir = dirname(dir)) {
    const candidate = join(dir, '.mlsd', 'practice');
    if (existsSync(candidate)) return candidate;
    if (existsSync(join(dir, '.git')) || dirname(dir) === dir) return undefined;
  }
}

/** The sessions recorded for `file` (matched by its path relative to the history's workspace), and every session of their case. */
export function historyForFile(file: string): { latest?: PracticeSessionRecord; caseHistory: PracticeSessionRecord[] } {
  const dir = findHistoryDir(file);
  if (!dir) return { caseHistory: [] };
  const workspace = dirname(dirname(dir));
  const rel = relative(workspace, resolve(file)).split('\\').join('/');
  const records = readSessionRecords(dir);
  const mine = records.filter((r) => r.file === rel);
  const latest = mine.at(-1);
  return latest ? { latest, caseHistory: records.filter((r) => r.case === latest.case) } : { caseHistory: [] };
}

export function debriefForFileReport(run: RunReport): DebriefModel | undefined {
  const report = run.files[0];
  if (!report || report.error !== undefined || !report.coverage) return undefined;
  const items = coverageItemsOf(report.coverage, report.rubric);
  const { latest, caseHistory } = historyForFile(report.path);
  const minutes = latest ? Object.fromEntries(latest.steps.map((s) => [s.id, { planned: s.plannedMinutes, spent: s.spentMinutes }])) : undefined;
  return buildDebriefModel({
    title: latest?.caseTitle ?? basename(report.displayPath),
    file: report.displayPath,
    items,
    ...(report.rubric ? { readiness: readinessOf(report.coverage, report.rubric) } : {}),
    ...(minutes ? { minutes } : {}),
    ...(latest
      ? {
          session: {
            case: latest.case,
            caseTitle: latest.caseTitle,
            kind: latest.kind,
            date: latest.date,
            lengthMinutes: latest.lengthMinutes,
            elapsedMinutes: latest.elapsedMinutes,
            finishedEarly: latest.finishedEarly,
          },
          history: caseHistory,
          ...(latest.kind === 'retry' ? { timedSteps: latest.steps.filter((s) => s.plannedMinutes > 0).map((s) => s.id) } : {}),
        }
      : {}),
  });
}

/** `mlsd-lint --report FILE`: prints the debrief; exit 0, or 2 when the file could not be checked. */
export function writeReport(run: RunReport, format: 'text' | 'json', io: { stdout: { write(text: string): unknown } }, colors: Palette): number {
  const model = debriefForFileReport(run);
  if (!model) return 2;
  io.stdout.write(format === 'json' ? formatReportJson(model) : formatReportText(model, colors));
  return 0;
}
