// Every finding says what is wrong in one line the Problems panel shows whole (issue 13, item 7);
// the rest is its detail (hover, JSON). And one place carries one finding: a thin or missing step's
// hints are folded into its own finding, and steps missing at one place share one.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../server/src/engine';
import { MESSAGE_MAX } from '../../server/src/engine/rules/util';

const root = join(__dirname, '..', '..');
const docs = ['test/fixtures/rules', 'examples/design-docs', 'templates', 'templates/examples'].flatMap((dir) =>
  readdirSync(join(root, dir))
    .filter((f) => f.endsWith('.md') && f !== 'README.md' && f !== 'fragments.md')
    .map((f) => `${dir}/${f}`),
);
const engine = createEngine();
/** Rules about one line of text (a placeholder, a diagram line, a parse limit), not about a step. */
const LINE_RULES = new Set(['unfilled-placeholder', 'mermaid-syntax', 'parse-limit']);

describe('finding messages', () => {
  it.each(docs)('%s: one line of at most 100 characters each, the rest in the detail', async (doc) => {
    const result = await engine.lint(readFileSync(join(root, doc), 'utf8'));
    for (const finding of result.findings) {
      expect(finding.message.length, finding.message).toBeLessThanOrEqual(MESSAGE_MAX);
      expect(finding.message).not.toMatch(/[\r\n]/);
    }
  });

  it.each(docs)('%s: a thin or missing step carries one finding, its hints folded in', async (doc) => {
    const result = await engine.lint(readFileSync(join(root, doc), 'utf8'));
    const byLine = new Map<number, string[]>();
    for (const finding of result.findings) {
      // A placeholder latency target is about the text of its line, like an unfilled placeholder.
      if (LINE_RULES.has(finding.ruleId) || /placeholder/.test(finding.message)) continue;
      const line = finding.range.start.line;
      byLine.set(line, [...(byLine.get(line) ?? []), finding.ruleId]);
    }
    const folded = (rules: string[]) => rules.includes('thin-step') || rules.includes('missing-step');
    expect([...byLine].filter(([, rules]) => rules.length > 1 && folded(rules)).map(([line, rules]) => `${line + 1}: ${rules.join(', ')}`)).toEqual([]);
  });

  it('a doc with only a title gets one finding, not one per step on the title', async () => {
    const result = await engine.lint('# Feed ranking\n');
    expect(result.findings.map((f) => f.ruleId)).toEqual(['missing-step']);
    expect(result.findings[0]!.message).toBe('No step of the template is written yet: all 7 are missing.');
    expect(result.findings[0]!.fixes?.[0]?.edits.length).toBe(7);
  });

  it('"## Model / TBD" gets one finding that names what the step lacks', async () => {
    const doc = '# Feed\n\n## Requirements\n\nRank the feed for 50M daily users; p99 under 150 ms.\n\n## Model\n\nTBD\n\n## Serving\n\nOnline ranking.\n';
    const result = await engine.lint(doc);
    const onModel = result.findings.filter((f) => f.range.start.line === 6);
    expect(onModel.map((f) => f.ruleId)).toEqual(['thin-step']);
    expect(onModel[0]!.message).toMatch(/^"Model" is thin: no baseline/);
    expect(onModel[0]!.detail).toMatch(/Model development should cover/);
  });

  it('puts steps missing at one place in one finding where they go, not on the title', async () => {
    const doc = '# Feed\n\n## Requirements\n\nRank the feed for 50M daily users.\n\n## Evaluation\n\nNDCG@10 offline, CTR online in an A/B test.\n';
    const result = await engine.lint(doc);
    const missing = result.findings.filter((f) => f.ruleId === 'missing-step');
    expect(missing.map((f) => [f.range.start.line, f.message])).toEqual([
      [4, 'Missing 3 steps: "Frame the problem as an ML task", "Data preparation" and "Model development".'],
      [8, 'Missing 2 steps: "Deployment and serving" and "Monitoring and maintenance".'],
    ]);
    expect(missing[0]!.detail).toMatch(/^They belong before "Evaluation"/);
    expect(missing[0]!.fixes?.map((f) => f.title)).toEqual([
      'Insert the 3 missing sections here',
      'Insert a "Frame the problem as an ML task" section',
      'Insert a "Data preparation" section',
      'Insert a "Model development" section',
    ]);
  });
});
