// Runs every fixture in test/fixtures/rules: findings of the rules a fixture checks must match its
// inline `expect` markers exactly, and coverage must match its `coverage` marker.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../server/src/engine';

const dir = join(__dirname, '../fixtures/rules');
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'README.md');
const engine = createEngine();

function markers(text: string) {
  const checked = new Set<string>();
  const expected: string[] = [];
  const coverage: Record<string, string> = {};
  text.split('\n').forEach((line, index) => {
    for (const m of line.matchAll(/<!--\s*check:([^>]*?)-->/g)) for (const r of m[1].trim().split(/\s+/)) checked.add(r);
    for (const m of line.matchAll(/<!--\s*expect\s+([^>]*?)-->/g)) for (const r of m[1].trim().split(/\s+/)) expected.push(`${index + 1} ${r}`);
    for (const m of line.matchAll(/<!--\s*coverage\s+([^>]*?)-->/g))
      for (const pair of m[1].trim().split(/\s+/)) {
        const [k, v] = pair.split('=');
        coverage[k] = v;
      }
  });
  return { checked, expected: expected.sort(), coverage };
}

describe('rule fixtures', () => {
  it('finds fixtures', () => expect(fixtures.length).toBeGreaterThanOrEqual(15));
  for (const file of fixtures) {
    it(file, async () => {
      const text = readFileSync(join(dir, file), 'utf8');
      const { checked, expected, coverage } = markers(text);
      expect(checked.size, 'fixture declares the rules it checks').toBeGreaterThan(0);
      const result = await engine.lint(text);
      const withStep = new Set(expected.filter((e) => e.includes(':')).map((e) => e.split(' ')[1].split(':')[0]));
      const actual = result.findings
        .filter((f) => checked.has(f.ruleId))
        .map((f) => `${f.range.start.line + 1} ${f.ruleId}${withStep.has(f.ruleId) && f.stepId ? `:${f.stepId}` : ''}`)
        .sort();
      expect(actual).toEqual(expected);
      const actualCoverage = Object.fromEntries(Object.keys(coverage).map((k) => [k, result.coverage[k]?.status]));
      expect(actualCoverage).toEqual(coverage);
    });
  }
});

describe('labelled fixtures', () => {
  it('coverage agrees with LABELS.tsv in every column', async () => {
    const [header, ...rows] = readFileSync(join(dir, 'LABELS.tsv'), 'utf8')
      .split('\n')
      .filter((l) => l.trim());
    const columns = header.split('\t').slice(1, 10);
    const disagreements: string[] = [];
    for (const row of rows) {
      const [file, ...labels] = row.split('\t');
      const result = await engine.lint(readFileSync(join(dir, file), 'utf8'));
      columns.forEach((column, i) => {
        const label = labels[i];
        if (label !== '0' && label !== '1') return;
        const status = result.coverage[column.replace('_', '-')]?.status;
        if ((status === 'present' ? '1' : '0') !== label) disagreements.push(`${file} ${column}: label ${label}, engine ${status}`);
      });
    }
    expect(disagreements).toEqual([]);
  });
});
