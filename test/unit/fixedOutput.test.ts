// "Fix all" on every rule fixture and every example doc, snapshotted as files (as markdownlint
// snapshots its fixed fixtures): a fix that inserts in the wrong place shows up as a diff in
// test/fixtures/fixed/. Update with `npx vitest run test/unit/fixedOutput.test.ts -u` and read the diff.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../server/src/engine';
import { fixUntilStable } from '../../server/src/engine/fixLoop';

const root = join(__dirname, '..', '..');
const sources = [
  ...readdirSync(join(root, 'test/fixtures/rules'))
    .filter((f) => f.endsWith('.md') && f !== 'README.md')
    .map((f) => `test/fixtures/rules/${f}`),
  ...readdirSync(join(root, 'examples/design-docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `examples/design-docs/${f}`),
];
const engine = createEngine();

async function fixAll(text: string): Promise<string> {
  const outcome = await fixUntilStable(engine, text, await engine.lint(text));
  expect(outcome.failure).toBeUndefined();
  return outcome.text;
}

/** Line index of the first line matching `pattern` (fails the test when there is none). */
function lineOf(lines: string[], pattern: RegExp, from = 0): number {
  const index = lines.findIndex((line, i) => i >= from && pattern.test(line));
  expect(index, `no line matches ${pattern}`).toBeGreaterThanOrEqual(0);
  return index;
}

describe('fixed output of every fixture', () => {
  it.each(sources)('%s', async (source) => {
    const text = readFileSync(join(root, source), 'utf8');
    const fixed = await fixAll(text);
    // Fixes only insert: every line of the writer's text is still there, in order.
    const kept = fixed.split('\n');
    let at = 0;
    for (const line of text.split('\n')) {
      const found = kept.indexOf(line, at);
      expect(found, `lost: ${line}`).toBeGreaterThanOrEqual(0);
      at = found + 1;
    }
    // A second "fix all" changes nothing.
    expect(await fixAll(fixed)).toBe(fixed);
    await expect(fixed).toMatchFileSnapshot(join(root, 'test/fixtures/fixed', source.replace(/\//g, '__')));
  });
});

describe('where "fix all" puts what it inserts', () => {
  it('puts the latency budget under serving, before a monitoring section inserted at the same point', async () => {
    const lines = (await fixAll(readFileSync(join(root, 'examples/design-docs/video-search-draft.design.md'), 'utf8'))).split('\n');
    const serving = lineOf(lines, /^## Serving/);
    const budget = lineOf(lines, /^### Latency budget/);
    const monitoring = lineOf(lines, /^## Monitoring/);
    expect(serving).toBeLessThan(budget);
    expect(budget).toBeLessThan(monitoring);
  });

  it('puts the metric gap discussion after the metrics tables it talks about, both in evaluation', async () => {
    // Evaluation present, with offline metrics only: evaluation-metrics inserts the tables and
    // metric-gap the discussion, at the same point.
    const doc = [
      '# Feed ranking',
      '',
      '## Requirements',
      '',
      'Rank the home feed for 50M daily users who open the app twice a day.',
      '',
      '## Evaluation',
      '',
      'Offline we compare models on NDCG@10 and recall@100 on a held-out week of impressions, against the',
      'popularity baseline, and check calibration with log loss before any model is promoted.',
      '',
      '## Serving',
      '',
      'Online ranking behind the feed API, p99 under 150 ms.',
      '',
    ].join('\n');
    const lines = (await fixAll(doc)).split('\n');
    const evaluation = lineOf(lines, /^## Evaluation/);
    const tables = lineOf(lines, /^### Offline metrics/);
    const gap = lineOf(lines, /^### Why offline and online metrics disagree/);
    const serving = lineOf(lines, /^## Serving/);
    expect(evaluation).toBeLessThan(tables);
    expect(tables).toBeLessThan(gap);
    expect(gap).toBeLessThan(serving);
  });
});
