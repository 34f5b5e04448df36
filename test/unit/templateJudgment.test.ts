// What the engine's judgment makes of the shipped templates and worked examples (issue 10):
// a doc fresh from any template holds only prompts, so it reads as unfinished; a worked example
// answers every question, so it reads as complete. Both run through `createEngine().lint`, exactly
// as the language server and the CLI see a document.
import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type LintResult } from '../../server/src/engine';
import { DEFAULT_STEP_IDS } from '../../server/src/engine/types';
import { getExampleText, getTemplateText, TEMPLATES } from '../../server/src/engine/skeletons';

const CHECK_IDS = ['metric-gap', 'latency-budget'] as const;
const ids = TEMPLATES.map((template) => template.id);

/** One line per step and check, for readable failures. */
function describeResult(result: LintResult): string {
  const steps = DEFAULT_STEP_IDS.map((stepId) => {
    const entry = result.coverage[stepId];
    const missed = (entry?.checkpoints ?? []).filter((checkpoint) => !checkpoint.met).map((checkpoint) => checkpoint.id);
    return `${stepId}: ${entry?.status} score ${entry?.score}${missed.length ? ` lacks ${missed.join(', ')}` : ''}`;
  });
  const checks = CHECK_IDS.map((checkId) => `${checkId}: ${result.coverage[checkId]?.status}`);
  return [`readiness ${result.readiness}`, ...steps, ...checks].join('\n');
}

describe('a doc fresh from a template reads as unfinished', () => {
  const engine = createEngine();
  const results = new Map<string, LintResult>();

  beforeAll(async () => {
    for (const id of ids) results.set(id, await engine.lint(getTemplateText(id)));
  });

  it.each(ids)('%s: every step thin or missing, no check met, readiness < 40', (id) => {
    const result = results.get(id);
    expect(result).toBeDefined();
    if (!result) return;
    const summary = describeResult(result);
    for (const stepId of DEFAULT_STEP_IDS) {
      expect(['thin', 'missing'], `${id} ${stepId}\n${summary}`).toContain(result.coverage[stepId]?.status);
      expect(result.coverage[stepId]?.score ?? 0, `${id} ${stepId}\n${summary}`).toBeLessThanOrEqual(1);
    }
    for (const checkId of CHECK_IDS) expect(result.coverage[checkId]?.status, `${id} ${checkId}\n${summary}`).not.toBe('present');
    expect(result.readiness, `${id}\n${summary}`).toBeLessThan(40);
  });
});

describe('a worked example reads as complete', () => {
  const engine = createEngine();
  const results = new Map<string, LintResult>();

  beforeAll(async () => {
    for (const id of ids) results.set(id, await engine.lint(getExampleText(id)));
  });

  it.each(ids)('%s: every step present, both checks present, readiness >= 85', (id) => {
    const result = results.get(id);
    expect(result).toBeDefined();
    if (!result) return;
    const summary = describeResult(result);
    for (const stepId of DEFAULT_STEP_IDS) {
      expect(result.coverage[stepId]?.status, `${id} ${stepId}\n${summary}`).toBe('present');
      expect(result.coverage[stepId]?.score ?? 0, `${id} ${stepId}\n${summary}`).toBeGreaterThanOrEqual(2);
    }
    for (const checkId of CHECK_IDS) expect(result.coverage[checkId]?.status, `${id} ${checkId}\n${summary}`).toBe('present');
    expect(result.readiness, `${id}\n${summary}`).toBeGreaterThanOrEqual(85);
  });

  it.each(ids)('%s: no finding at warning or error severity, from any rule', (id) => {
    const findings = results.get(id)?.findings ?? [];
    const serious = findings.filter((finding) => finding.severity === 'warning' || finding.severity === 'error');
    expect(serious.map((finding) => `${finding.ruleId} line ${finding.range.start.line + 1}: ${finding.message}`)).toEqual([]);
  });
});
