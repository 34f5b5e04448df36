// A repository's config file must not be able to block the language server or the CLI (issue 11,
// item 2): every dimension is bounded, problems are few and located in one pass, and the cost of
// linting does not grow with the config. The time limits are generous (they fail on the quadratic
// paths, which took minutes, and pass on a loaded machine).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { clearConfigCache, loadConfigForFile, resolveConfig } from '../../server/src/engine/config';
import { createEngine } from '../../server/src/engine/engine';
import { configProblemToDiagnostic } from '../../server/src/lsp/diagnostics';

const root = mkdtempSync(join(tmpdir(), 'mlsd-config-bounds-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
beforeEach(() => clearConfigCache());

function configIn(folder: string, name: string, text: string): string {
  const dir = join(root, folder);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), text);
  return join(dir, 'doc.md');
}

/** What the server does with a config file: load it, and turn each problem into a located diagnostic. */
function loadAndLocate(doc: string, text: string) {
  const started = performance.now();
  const loaded = loadConfigForFile(doc);
  const diagnostics = loaded.problems.map((problem) => configProblemToDiagnostic(problem, text));
  return { loaded, diagnostics, ms: performance.now() - started };
}

describe('config bounds', () => {
  it('reads a 40,000-key .mlsdrc.yaml in under 3 s and reports a handful of located problems', () => {
    const lines = ['rules:'];
    for (let i = 0; i < 40_000; i++) lines.push(`  r${i}: off`);
    const text = `${lines.join('\n')}\n`;
    const doc = configIn('yaml-rules', '.mlsdrc.yaml', text);
    const { loaded, diagnostics, ms } = loadAndLocate(doc, text);
    expect(ms).toBeLessThan(3000);
    expect(loaded.problems.length).toBeGreaterThan(0);
    expect(loaded.problems.length).toBeLessThanOrEqual(21);
    expect(loaded.problems.map((p) => p.message).join('\n')).toMatch(/more than 5,000 lines|40,000 keys/);
    expect(diagnostics.every((d) => d.range.start.line >= 0)).toBe(true);
  });

  it('parses a 4,500-key .mlsdrc.yaml (under the line limit) in under 3 s and bounds its rules', () => {
    const lines = ['rules:'];
    for (let i = 0; i < 4_500; i++) lines.push(`  r${i}: off`);
    const text = `${lines.join('\n')}\n`;
    const doc = configIn('yaml-rules-4k', '.mlsdrc.yaml', text);
    const { loaded, diagnostics, ms } = loadAndLocate(doc, text);
    expect(ms).toBeLessThan(3000);
    expect(loaded.problems).toHaveLength(1);
    expect(loaded.problems[0]).toMatchObject({ key: 'rules' });
    expect(loaded.problems[0]!.message).toMatch(/has 4,500 keys; at most 200/);
    expect(diagnostics[0]!.range.start.line).toBe(0);
  });

  it('reads 40,000 top-level keys in a .mlsdrc.yaml in under 3 s', () => {
    const lines: string[] = [];
    for (let i = 0; i < 40_000; i++) lines.push(`k${i}: ${i}`);
    const text = `${lines.join('\n')}\n`;
    const doc = configIn('yaml-top', '.mlsdrc.yaml', text);
    const { loaded, ms } = loadAndLocate(doc, text);
    expect(ms).toBeLessThan(3000);
    expect(loaded.problems.length).toBeLessThanOrEqual(21);
  });

  it('reads 20,000 unknown rules in a pretty-printed .mlsdrc.json in under 3 s, problems on their lines', () => {
    const rules: Record<string, string> = {};
    for (let i = 0; i < 20_000; i++) rules[`unknown-rule-${i}`] = 'off';
    const text = JSON.stringify({ rules }, null, 2);
    const doc = configIn('json-rules', '.mlsdrc.json', text);
    const { loaded, diagnostics, ms } = loadAndLocate(doc, text);
    expect(ms).toBeLessThan(3000);
    expect(loaded.problems.length).toBeLessThanOrEqual(21);
    expect(diagnostics.length).toBe(loaded.problems.length);
  });

  it('locates at most a handful of unknown rules, each on its own line, listing the rest as a count', () => {
    const rules: Record<string, string> = {};
    for (let i = 0; i < 60; i++) rules[`nope-${i}`] = 'off';
    const text = JSON.stringify({ rules }, null, 2);
    const doc = configIn('json-few', '.mlsdrc.json', text);
    const { loaded, diagnostics } = loadAndLocate(doc, text);
    expect(loaded.problems.length).toBe(21);
    expect(loaded.problems.at(-1)!.message).toMatch(/40 more problems/);
    // The first 20 are each on the line that spells their key.
    const lines = text.split('\n');
    for (const [i, diagnostic] of diagnostics.slice(0, 20).entries()) expect(lines[diagnostic.range.start.line]).toContain(`"nope-${i}"`);
  });

  it('locates problems in YAML and in minified JSON from one index', () => {
    const yaml = 'rules:\n  missing-step: loud\n  "quoted-rule": off\nvocabulary:\n  nowhere: [x]\n';
    const at = (key: string, text: string) => configProblemToDiagnostic({ file: 'f', key, message: 'm' }, text).range.start;
    expect(at('rules.missing-step', yaml)).toEqual({ line: 1, character: 2 });
    expect(at('rules.quoted-rule', yaml)).toEqual({ line: 2, character: 2 });
    expect(at('vocabulary.nowhere', yaml)).toEqual({ line: 4, character: 2 });
    expect(at('template.sections[0].id', '{"template":{"sections":[{"id":"Bad"}]}}')).toEqual({ line: 0, character: 0 });
    expect(at('rules.nope', '{\n  "rules": {\n    "nope": "off"\n  }\n}')).toEqual({ line: 2, character: 4 });
    expect(at('', 'x')).toEqual({ line: 0, character: 0 });
  });

  it('refuses 100,000 prose phrases with a clear message, and linting stays fast', async () => {
    const prose = Array.from({ length: 100_000 }, (_, i) => `phrase number ${i}`);
    const raw = { template: { sections: [{ id: 'context', title: 'Context', headings: ['context'], prose }] } };
    const started = performance.now();
    const { config, problems } = resolveConfig(raw, 'big.json');
    expect(performance.now() - started).toBeLessThan(3000);
    expect(problems.length).toBeLessThanOrEqual(21);
    expect(problems.map((p) => `${p.key}: ${p.message}`).join('\n')).toMatch(/template\.sections\[0\]\.prose: .*at most \d+/);
    // The bounded config is what the engine gets: the custom template is not applied.
    expect(config.rubric.steps.some((step) => step.prose.length > 1000)).toBe(false);
    const engine = createEngine();
    await engine.lint('# Warm-up\n'); // the first lint of a process loads the parser: not the config's cost
    const lintStarted = performance.now();
    await engine.lint('# Design\n\n## Context\n\nSome text.\n', { config });
    expect(performance.now() - lintStarted).toBeLessThan(3000);
  });

  it('shows a huge key by its start only', () => {
    const key = 'k'.repeat(100_000);
    const { problems } = resolveConfig({ rules: { [key]: 'off' }, [key]: 1 }, 'keys.json');
    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems) expect(`${problem.key}: ${problem.message}`.length).toBeLessThan(2000);
  });

  it('bounds every dimension in the schema', async () => {
    const schema = (await import('../../schemas/mlsdrc.schema.json')).default as Record<string, unknown>;
    // Every array has maxItems, every object with open keys maxProperties, every string maxLength.
    const unbounded: string[] = [];
    const visit = (node: unknown, path: string) => {
      if (!node || typeof node !== 'object') return;
      const n = node as Record<string, unknown>;
      if (n.type === 'array' && n.maxItems === undefined) unbounded.push(`${path} (maxItems)`);
      if (n.type === 'string' && n.maxLength === undefined && n.enum === undefined && !path.endsWith('$schema')) unbounded.push(`${path} (maxLength)`);
      if (n.type === 'object' && n.additionalProperties !== false && n.maxProperties === undefined) unbounded.push(`${path} (maxProperties)`);
      for (const [key, value] of Object.entries(n)) visit(value, `${path}/${key}`);
    };
    visit(schema, '');
    expect(unbounded).toEqual([]);
  });

  it('still reports a duplicate YAML key, at its line, in linear time', () => {
    const lines = ['rules:'];
    for (let i = 0; i < 4_000; i++) lines.push(`  r${i}: off`);
    lines.push('  r7: error');
    const doc = configIn('yaml-dup', '.mlsdrc.yaml', `${lines.join('\n')}\n`);
    const started = performance.now();
    const { problems } = loadConfigForFile(doc);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(problems[0]!.message).toMatch(/^invalid YAML at line 4002.*unique/);
  });
});
