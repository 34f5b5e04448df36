// The engine as a whole: fixes that really repair the doc, the chunk cache that keeps re-linting
// cheap, control over configuration, and bad input that must never throw.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_RULES, applyEdits, collectAutoFixes, createEngine, defaultConfig, resolveConfig } from '../../server/src/engine';
import { splitChunks } from '../../server/src/engine/parse';
import { headingWords } from '../../server/src/engine/headingMatch';

const fixture = (name: string) => readFileSync(join(__dirname, '../fixtures/rules', name), 'utf8');

describe('splitChunks', () => {
  it('cuts before ATX headings only outside fences and HTML comments', () => {
    const text = ['# A', 'text', '```', '# not a heading', '```', '<!--', '# hidden', '-->', '## B', 'more'].join('\n');
    const chunks = splitChunks(text);
    expect(chunks.map((c) => c.startLine)).toEqual([0, 8]);
    expect(chunks.map((c) => c.text).join('')).toBe(text);
  });
  it('keeps front matter in the first chunk', () => {
    const text = '---\ntitle: x\n# not a heading in yaml\n---\n# Real\n';
    expect(splitChunks(text).map((c) => c.startLine)).toEqual([0, 4]);
  });
});

describe('headingWords', () => {
  it.each([
    ['## 1. Clarify requirements', ['clarify', 'requirements']],
    ['ii.iv. Anti Goals', ['anti', 'goals']],
    ['🚀 VI. Productionization', ['productionization']],
    ['Step 3: Data & Features', ['data', 'and', 'features']],
    ['5.1. Problem statement', ['problem', 'statement']],
  ])('%s', (title, words) => expect(headingWords(title.replace(/^#+\s*/, ''))).toEqual(words));
});

describe('fixes', () => {
  it('missing-step fix inserts each missing section in template order, after which no step is missing', async () => {
    const engine = createEngine();
    const text = fixture('missing-steps.md');
    const before = await engine.lint(text);
    const missing = before.findings.filter((f) => f.ruleId === 'missing-step');
    expect(missing.map((f) => f.stepId)).toEqual(['framing', 'monitoring']);
    const fixed = applyEdits(text, collectAutoFixes(missing));
    const after = await engine.lint(fixed);
    expect(after.findings.filter((f) => f.ruleId === 'missing-step')).toEqual([]);
    // Framing lands between Requirements and Data, monitoring after Serving, at the doc's level (##).
    const headings = fixed.split('\n').filter((l) => /^## /.test(l));
    expect(headings[0]).toBe('## Requirements');
    expect(headings[1]).toMatch(/^## Frame the problem/);
    expect(headings[2]).toBe('## Data');
    expect(headings.at(-1)).toMatch(/^## Monitoring/);
    // The user's text is all still there.
    for (const line of text.split('\n')) expect(fixed).toContain(line);
  });

  it('numbers an inserted section when the doc numbers its steps', async () => {
    const engine = createEngine();
    const text = fixture('complete-atx.md').replace(/## 7\. Monitoring[\s\S]*$/, '');
    const result = await engine.lint(text);
    const fix = result.findings.find((f) => f.ruleId === 'missing-step' && f.stepId === 'monitoring');
    expect(fix).toBeDefined();
    const fixed = applyEdits(text, fix!.fixes![0].edits);
    expect(fixed).toMatch(/\n## 7\. Monitoring/);
  });

  it('metric-gap and latency-budget fixes insert scaffolds the writer fills in, once', async () => {
    const engine = createEngine();
    const text = fixture('metric-gap-lookalikes.md') + '\n## Serving\n\nOnline ranking service behind the feed API, scaled horizontally behind a load balancer.\n';
    const before = await engine.lint(text);
    expect(before.coverage['metric-gap'].status).toBe('missing');
    expect(before.coverage['latency-budget'].status).toBe('missing');
    const fixed = applyEdits(text, collectAutoFixes(before.findings.filter((f) => f.ruleId === 'metric-gap' || f.ruleId === 'latency-budget')));
    const after = await engine.lint(fixed);
    // The fixes insert a scaffold with {{placeholders}}, not made-up answers: the metric-gap prompts and
    // the budget table read as unfinished, each placeholder is flagged, and nothing is fixed again.
    expect(fixed).toContain('{{');
    expect(after.coverage['latency-budget'].status).toBe('thin');
    expect(after.findings.filter((f) => f.ruleId === 'unfilled-placeholder').length).toBeGreaterThan(0);
    expect(collectAutoFixes(after.findings.filter((f) => f.ruleId === 'metric-gap' || f.ruleId === 'latency-budget'))).toEqual([]);
    // Filling the table in makes the budget present.
    const filled = fixed.replace(/\{\{[^}]*\}\}/g, (m) => (/ms|target|budget|p9/i.test(m) ? '80 ms' : 'value'));
    expect((await engine.lint(filled)).coverage['latency-budget'].status).toBe('present');
  });
});

describe('chunk cache', () => {
  it('re-parses only the chunk an edit touched', async () => {
    const engine = createEngine();
    const text = fixture('complete-atx.md');
    await engine.lint(text);
    const { misses } = engine.cacheStats();
    await engine.lint(text.replace('fewer cancelled rides', 'fewer cancelled trips'));
    expect(engine.cacheStats().misses - misses).toBe(1);
  });
  it('gives the same result cached and cold', async () => {
    const text = fixture('pseudo-headings.md');
    const warm = createEngine();
    await warm.lint(text);
    const a = await warm.lint(text);
    const b = await createEngine().lint(text);
    expect(a.findings).toEqual(b.findings);
    expect(a.coverage).toEqual(b.coverage);
  });
});

describe('configuration', () => {
  it('turns a rule off and changes a severity', async () => {
    const { config, problems } = resolveConfig({ rules: { 'missing-step': 'error', 'thin-step': 'off' } }, 'test.json');
    expect(problems).toEqual([]);
    const result = await createEngine().lint(fixture('thin-steps.md'), { config });
    expect(result.findings.some((f) => f.ruleId === 'thin-step')).toBe(false);
    expect(result.findings.filter((f) => f.ruleId === 'missing-step').every((f) => f.severity === 'error')).toBe(true);
  });
  it('extends the heading vocabulary (a non-English heading)', async () => {
    const text = '# Doc\n\n## Überwachung\n\nWir beobachten Drift der Merkmale und Vorhersagen, Alarme bei Abweichungen, und trainieren wöchentlich neu.\n';
    expect((await createEngine().lint(text)).coverage['monitoring'].status).toBe('missing');
    const { config } = resolveConfig({ vocabulary: { monitoring: ['Überwachung'] } }, 'test.json');
    expect((await createEngine().lint(text, { config })).coverage['monitoring'].status).toBe('present');
  });
  it('checks a custom template instead of the seven steps', async () => {
    const { config, problems } = resolveConfig(
      {
        template: {
          name: 'RFC',
          sections: [
            { id: 'context', title: 'Context', headings: ['context', 'background'] },
            { id: 'decision', title: 'Decision', headings: ['decision'] },
          ],
        },
      },
      'test.json',
    );
    expect(problems).toEqual([]);
    const result = await createEngine().lint('# RFC\n\n## Background\n\nWe need a way to rank search results that a small team can maintain for years to come.\n', { config });
    expect(Object.keys(result.coverage)).toEqual(['context', 'decision']);
    expect(result.findings.filter((f) => f.ruleId === 'missing-step').map((f) => f.stepId)).toEqual(['decision']);
    expect(result.findings.some((f) => f.ruleId === 'latency-budget')).toBe(false);
  });
});

describe('bad input never throws', () => {
  it.each([
    ['empty', ''],
    ['binary junk', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('latin1')],
    ['invalid UTF-8 decoded', Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0x23, 0x20, 0x41, 0x0a]).toString('utf8')],
    ['unclosed fence and comment', '# A\n```mermaid\ngraph TD\n<!-- never closed\n## B'],
    ['deep nesting', '>'.repeat(500) + ' x\n' + '- '.repeat(300) + 'y'],
    ['broken front matter', '---\n: : [\n---\n# T\n'],
  ])('%s', async (_name, text) => {
    const result = await createEngine().lint(text);
    expect(result.coverage).toBeDefined();
    expect(Array.isArray(result.findings)).toBe(true);
  });
  it('lints a 5 MB document', async () => {
    const section = fixture('complete-atx.md');
    // Every copy's headings differ, so no chunk comes from the cache: this is a real 5 MB parse.
    const copies = Math.ceil((5 * 1024 * 1024) / section.length);
    const text = Array.from({ length: copies }, (_, i) => section.replace(/^(#+ .*)$/gm, `$1 (${i})`)).join('\n');
    expect(text.length).toBeGreaterThan(5 * 1024 * 1024);
    const result = await createEngine().lint(text);
    expect(result.coverage['clarify'].status).toBe('present');
  }, 120000);
});

describe('defaults', () => {
  it('defaultConfig uses the seven steps with ML checks', () => {
    expect(defaultConfig().rubric.steps.map((s) => s.id)).toEqual(['clarify', 'framing', 'data', 'model', 'evaluation', 'serving', 'monitoring']);
  });
});

describe('a rule that throws', () => {
  it('is reported in ruleFailures while the other rules still run', async () => {
    const broken = {
      id: 'broken',
      description: 'throws',
      tags: [],
      defaultSeverity: 'warning' as const,
      docs: '',
      fixable: false,
      check: () => {
        throw new Error('boom');
      },
    };
    const engine = createEngine({ rules: [broken, ...ALL_RULES.filter((r) => r.id === 'missing-step')] });
    const result = await engine.lint(fixture('missing-steps.md'));
    expect(result.ruleFailures).toEqual([{ ruleId: 'broken', message: 'boom' }]);
    expect(result.findings.some((f) => f.ruleId === 'missing-step')).toBe(true);
  });
});

describe('early start for diagram checks', () => {
  const doc = ['# Serving', '```mermaid', 'flowchart LR', '  a --> b', '```', '## Monitoring', '> ```mermaid', '> sequenceDiagram', '> ```', ''].join('\n');
  const observingRule = (events: string[]) => ({
    // A real rule id, so that the configuration can turn it off.
    id: 'mermaid-syntax',
    description: 'records',
    tags: [],
    defaultSeverity: 'warning' as const,
    docs: '',
    fixable: false,
    onMermaidDiagram: (source: string) => events.push(`early:${source.split('\n')[0]}`),
    check: () => void events.push('check'),
  });

  it('tells a rule about every diagram while parsing, before its check runs, cached chunks included', async () => {
    const events: string[] = [];
    const engine = createEngine({ rules: [observingRule(events)] });
    await engine.lint(doc);
    expect(events).toEqual(['early:flowchart LR', 'early:sequenceDiagram', 'check']);
    events.length = 0;
    await engine.lint(doc);
    expect(events).toEqual(['early:flowchart LR', 'early:sequenceDiagram', 'check']);
  });

  it('does not tell a rule that is off, nor call it outside lint, and survives a throwing hook', async () => {
    const events: string[] = [];
    const rule = observingRule(events);
    const engine = createEngine({ rules: [rule] });
    const { config } = resolveConfig({ rules: { 'mermaid-syntax': 'off' } }, 'test.json');
    await engine.lint(doc, { config });
    engine.parse(doc);
    expect(events).toEqual([]);
    const throwing = {
      ...rule,
      onMermaidDiagram: () => {
        throw new Error('early boom');
      },
    };
    const result = await createEngine({ rules: [throwing] }).lint(doc);
    expect(result.ruleFailures).toEqual([]);
    expect(events).toEqual(['check']);
  });
});

describe('parse-limit', () => {
  it('says where a section was too deeply nested to parse in full, and still checks the rest', async () => {
    const nested = Array.from({ length: 300 }, (_, i) => `${' '.repeat(i * 2)}- level ${i}`).join('\n');
    const text = `# Ranking\n\n## Clarifying requirements\n\nWho are the users? About 10M.\n\n## Data\n\n${nested}\n\n## Model\n\nA two-tower model.\n`;
    const { findings, coverage } = await createEngine().lint(text);
    const limits = findings.filter((f) => f.ruleId === 'parse-limit');
    expect(limits).toHaveLength(1);
    expect(limits[0]).toMatchObject({ severity: 'warning', range: { start: { line: 6 } } });
    expect(limits[0]!.message).toBe('This section was not parsed in full, so findings about it may be off.');
    expect(limits[0]!.detail).toMatch(/^Nested more than 256 columns deep/);
    expect(coverage.model.status).not.toBe('missing');
  });

  it('is silent on every real document in the repository', async () => {
    const engine = createEngine();
    for (const name of ['complete-atx.md', 'pseudo-headings.md', 'missing-steps.md']) {
      expect(
        (await engine.lint(fixture(name))).findings.filter((f) => f.ruleId === 'parse-limit'),
        name,
      ).toEqual([]);
    }
  });
});
