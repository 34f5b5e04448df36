// Time per step, as pure functions: each edit of the practice doc is attributed to the step whose
// section it lands in, and credits that step with the time since the previous edit (capped, so a
// coffee break or a paused clock counts as nothing). The sections come from the language server's
// coverage (each step's heading line and the last line of its section).

/** The part of a coverage item attribution needs. */
export interface StepSpan {
  id: string;
  kind: 'step' | 'check';
  /** Zero-based heading line of the step's section; absent when the step has no section. */
  line?: number;
  /** Zero-based last line of the section. */
  endLine?: number;
}

/** Gaps between edits longer than this count as this much: thinking before typing is work, a break is not. */
export const IDLE_CAP_MS = 90_000;

/**
 * The step whose section holds `line`: the innermost (latest-starting) section containing it. A
 * line after a section's end but before the next step's heading (an unmatched heading in between)
 * belongs to no step. A line before every step belongs to none.
 */
export function stepAtLine(spans: readonly StepSpan[], line: number): string | undefined {
  let best: StepSpan | undefined;
  for (const span of spans) {
    if (span.kind !== 'step' || span.line === undefined) continue;
    const end = span.endLine ?? Number.POSITIVE_INFINITY;
    if (line < span.line || line > end) continue;
    if (!best || span.line > best.line!) best = span;
  }
  return best?.id;
}

/** Shifts spans for lines inserted or removed since the coverage was computed (an edit at `atLine` adding `delta` lines). */
export function shiftSpans(spans: readonly StepSpan[], atLine: number, delta: number): StepSpan[] {
  if (delta === 0) return [...spans];
  return spans.map((span) => {
    const out: StepSpan = { ...span };
    if (span.line !== undefined && span.line > atLine) out.line = Math.max(atLine, span.line + delta);
    if (span.endLine !== undefined && span.endLine >= atLine) out.endLine = Math.max(atLine, span.endLine + delta);
    return out;
  });
}

export interface TimeLedger {
  /** Ms credited per step id. */
  stepMs: Record<string, number>;
  /** Clock ms (elapsed session time, pauses excluded) of the last edit, if any. */
  lastEditElapsedMs?: number;
}

/**
 * Credits an edit made at session time `elapsedMs` inside `stepId` (undefined: outside every step,
 * e.g. the title). The first edit credits the time since the start (capped). Returns a new ledger.
 */
export function creditEdit(ledger: TimeLedger, stepId: string | undefined, elapsedMs: number, idleCapMs = IDLE_CAP_MS): TimeLedger {
  const since = Math.max(0, elapsedMs - (ledger.lastEditElapsedMs ?? 0));
  const credit = Math.min(since, idleCapMs);
  const stepMs = { ...ledger.stepMs };
  if (stepId !== undefined && credit > 0) stepMs[stepId] = (stepMs[stepId] ?? 0) + credit;
  return { stepMs, lastEditElapsedMs: Math.max(elapsedMs, ledger.lastEditElapsedMs ?? 0) };
}

/** Whole minutes, one decimal, for display and the history file. */
export function toMinutes(ms: number): number {
  return Math.round(ms / 6_000) / 10;
}
