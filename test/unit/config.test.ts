import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { clearConfigCache, defaultConfig, findConfigFile, formatConfigProblem, loadConfigFile, loadConfigForFile, resolveConfig } from '../../server/src/engine/config';
import { ALL_RULES } from '../../server/src/engine/rules';
import { DEFAULT_RUBRIC } from '../../server/src/engine/vocabulary';
import { DEFAULT_STEP_IDS } from '../../server/src/engine/types';

const RULE_IDS = ['missing-step', 'metric-gap', 'latency-budget', 'step-order'];
const opts = { knownRuleIds: RULE_IDS };

describe('defaultConfig', () => {
  it('uses the seven-step template and no rule overrides', () => {
    const config = defaultConfig();
    expect(config.rubric).toBe(DEFAULT_RUBRIC);
    expect(config.rubric.steps.map((s) => s.id)).toEqual([...DEFAULT_STEP_IDS]);
    expect(config.rules).toEqual({});
  });
});

describe('resolveConfig: rules', () => {
  it('accepts a severity string, {severity}, false (off) and true (back to the default)', () => {
    const base = resolveConfig({ rules: { 'step-order': 'hint' } }, 'base.json', undefined, opts).config;
    const { config, problems } = resolveConfig({ rules: { 'missing-step': 'error', 'metric-gap': { severity: 'information' }, 'latency-budget': false, 'step-order': true } }, 'x.json', base, opts);
    expect(problems).toEqual([]);
    expect(config.rules).toEqual({ 'missing-step': { severity: 'error' }, 'metric-gap': { severity: 'information' }, 'latency-budget': { severity: 'off' } });
    expect(config.source).toBe('x.json');
  });

  it('names the file and the key of an unknown rule, suggests the closest id and keeps the valid ones', () => {
    const { config, problems } = resolveConfig({ rules: { 'missing-stp': 'off', 'metric-gap': 'error' } }, '/repo/.mlsdrc.json', undefined, opts);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: '/repo/.mlsdrc.json', key: 'rules.missing-stp' });
    expect(problems[0]!.message).toContain('unknown rule (did you mean "missing-step"?)');
    expect(problems[0]!.message).toContain('known rules are missing-step, metric-gap, latency-budget, step-order');
    expect(formatConfigProblem(problems[0]!)).toMatch(/^\/repo\/\.mlsdrc\.json: rules\.missing-stp: unknown rule/);
    expect(config.rules).toEqual({ 'metric-gap': { severity: 'error' } });
  });

  it('reports a bad severity once, with the allowed values and the value given', () => {
    const { config, problems } = resolveConfig({ rules: { 'missing-step': 'warn', 'metric-gap': { severity: 'loud' }, 'latency-budget': 3 } }, 'c.yaml', undefined, opts);
    expect(problems.map((p) => p.key).sort()).toEqual(['rules.latency-budget', 'rules.metric-gap.severity', 'rules.missing-step']);
    const missingStep = problems.find((p) => p.key === 'rules.missing-step')!;
    expect(missingStep.message).toBe('must be one of error, warning, information, hint, off; got "warn"');
    expect(problems.find((p) => p.key === 'rules.metric-gap.severity')!.message).toContain('got "loud"');
    expect(config.rules).toEqual({});
  });

  it('checks rule ids against ALL_RULES by default', () => {
    const knownId = ALL_RULES[0]!.id;
    const { config, problems } = resolveConfig({ rules: { [knownId]: 'off', 'no-such-rule': 'off' } }, 'c.json');
    expect(config.rules[knownId]).toEqual({ severity: 'off' });
    expect(problems.map((p) => p.key)).toEqual(['rules.no-such-rule']);
    expect(problems[0]!.message).toContain(knownId);
  });
});

describe('resolveConfig: vocabulary and templates', () => {
  it('adds heading vocabulary to a step without touching the shared default template', () => {
    const before = DEFAULT_RUBRIC.steps.find((s) => s.id === 'serving')!.headings.length;
    const { config, problems } = resolveConfig({ vocabulary: { serving: ['Inference Platform', '  model   gateway '] } }, 'v.json', undefined, opts);
    expect(problems).toEqual([]);
    const serving = config.rubric.steps.find((s) => s.id === 'serving')!;
    expect(serving.headings).toContain('inference platform');
    expect(serving.headings).toContain('model gateway');
    expect(DEFAULT_RUBRIC.steps.find((s) => s.id === 'serving')!.headings).toHaveLength(before);
    expect(DEFAULT_RUBRIC.steps.find((s) => s.id === 'serving')!.headings).not.toContain('inference platform');
  });

  it('reports an unknown step and a non-string phrase, keeping the valid phrases', () => {
    const { config, problems } = resolveConfig({ vocabulary: { servng: ['x'], data: ['lakehouse', 42] } }, 'v.json', undefined, opts);
    const unknown = problems.find((p) => p.key === 'vocabulary.servng')!;
    expect(unknown.message).toContain('unknown step (did you mean "serving"?)');
    expect(unknown.message).toContain('known steps are clarify, framing, data, model, evaluation, serving, monitoring');
    expect(problems.find((p) => p.key === 'vocabulary.data[1]')!.message).toBe('must be a string; got 42');
    expect(config.rubric.steps.find((s) => s.id === 'data')!.headings).toContain('lakehouse');
  });

  it('replaces the steps with a custom template, ML checks off unless asked for', () => {
    const template = {
      name: 'RFC',
      sections: [
        { id: 'context', title: 'Context', headings: ['Context', 'Background'] },
        { id: 'decision', title: 'Decision', headings: ['decision'], summary: 'What we chose', prose: ['we decided'] },
      ],
    };
    const custom = resolveConfig({ template, vocabulary: { decision: ['Outcome'] } }, 't.json', undefined, opts);
    expect(custom.problems).toEqual([]);
    expect(custom.config.rubric.name).toBe('RFC');
    expect(custom.config.rubric.mlChecks).toBe(false);
    expect(custom.config.rubric.steps.map((s) => s.id)).toEqual(['context', 'decision']);
    expect(custom.config.rubric.steps[0]).toMatchObject({ headings: ['context', 'background'], summary: 'Context', prose: [] });
    expect(custom.config.rubric.steps[1]!.headings).toEqual(['decision', 'outcome']);
    const withChecks = resolveConfig({ template: { ...template, mlChecks: true } }, 't.json', undefined, opts);
    expect(withChecks.config.rubric.mlChecks).toBe(true);
  });

  it('ignores an invalid template as a whole and says which key broke it', () => {
    const { config, problems } = resolveConfig({ template: { sections: [{ id: 'Bad Id', title: 'T' }] } }, 't.json', undefined, opts);
    expect(config.rubric).toBe(DEFAULT_RUBRIC);
    const keys = problems.map((p) => p.key);
    expect(keys).toContain('template.sections[0].id');
    expect(keys).toContain('template.sections[0]');
    expect(problems.find((p) => p.key === 'template.sections[0]')!.message).toBe('missing required key "headings"');
    expect(problems.find((p) => p.key === 'template')!.message).toContain('ignored');
  });

  it('flags duplicate section ids', () => {
    const sections = [
      { id: 'a', title: 'A', headings: ['a'] },
      { id: 'a', title: 'A again', headings: ['b'] },
    ];
    const { problems } = resolveConfig({ template: { sections } }, 't.json', undefined, opts);
    expect(problems).toEqual([{ file: 't.json', key: 'template.sections[1].id', message: 'duplicate section id "a"; ids must be unique' }]);
  });

  it('reports unknown top-level keys and non-object configs without throwing', () => {
    const unknownKey = resolveConfig({ rulez: {}, rules: { 'metric-gap': 'off' } }, 'k.json', undefined, opts);
    expect(unknownKey.problems).toHaveLength(1);
    expect(unknownKey.problems[0]).toMatchObject({ key: 'rulez' });
    expect(unknownKey.problems[0]!.message).toContain('did you mean "rules"');
    expect(unknownKey.config.rules).toEqual({ 'metric-gap': { severity: 'off' } });
    for (const raw of [42, 'rules', [1, 2], true]) {
      const { config, problems } = resolveConfig(raw, 'k.json', undefined, opts);
      expect(problems).toHaveLength(1);
      expect(config.rubric).toBe(DEFAULT_RUBRIC);
    }
    expect(resolveConfig(null, 'empty.yaml', undefined, opts).problems).toEqual([]);
  });
});

describe('loadConfigForFile', () => {
  const root = mkdtempSync(join(tmpdir(), 'mlsd-config-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  beforeEach(() => clearConfigCache());

  const write = (relative: string, text: string) => {
    const file = join(root, relative);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, text);
    return file;
  };

  it.each([
    ['.mlsdrc.json', '{ "rules": { "metric-gap": "hint" } }'],
    ['.mlsdrc.yaml', 'rules:\n  metric-gap: hint\n'],
    ['.mlsdrc.yml', 'rules:\n  metric-gap: hint\n'],
    ['package.json', JSON.stringify({ name: 'x', mlsd: { rules: { 'metric-gap': 'hint' } } })],
  ])('finds and applies a %s (a documented config file name)', (name, text) => {
    const folder = `names/${name.replace(/\W/g, '')}`;
    const file = write(`${folder}/${name}`, text);
    const loaded = loadConfigForFile(join(root, folder, 'sub/doc.md'), opts);
    expect(loaded.configFile).toBe(file);
    expect(loaded.config.rules['metric-gap']).toEqual({ severity: 'hint' });
  });

  it('prefers .mlsdrc.yml over package.json#mlsd in the same folder', () => {
    write('yml/package.json', JSON.stringify({ name: 'x', mlsd: { rules: { 'metric-gap': 'error' } } }));
    const yml = write('yml/.mlsdrc.yml', 'rules:\n  metric-gap: hint\n');
    const loaded = loadConfigForFile(join(root, 'yml/doc.md'), opts);
    expect(loaded.configFile).toBe(yml);
    expect(loaded.config.rules['metric-gap']).toEqual({ severity: 'hint' });
  });

  it('finds the nearest config walking up, skipping a package.json without an mlsd key', () => {
    const yaml = write('a/.mlsdrc.yaml', 'rules:\n  metric-gap: off\n');
    write('a/b/package.json', JSON.stringify({ name: 'no-config-here' }));
    const doc = write('a/b/c/doc.md', '# Doc\n');
    const loaded = loadConfigForFile(doc, opts);
    expect(loaded.configFile).toBe(yaml);
    expect(loaded.problems).toEqual([]);
    expect(loaded.config.rules['metric-gap']).toEqual({ severity: 'off' });

    const pkg = write('a/b/package.json', JSON.stringify({ name: 'x', mlsd: { rules: { 'latency-budget': 'error', 'metrc-gap': 'off' } } }));
    const nearer = loadConfigForFile(doc, opts);
    expect(nearer.configFile).toBe(pkg);
    expect(nearer.config.rules).toEqual({ 'latency-budget': { severity: 'error' } });
    expect(nearer.problems.map((p) => p.key)).toEqual(['mlsd.rules.metrc-gap']);
  });

  it('prefers .mlsdrc.json over .mlsdrc.yaml in the same folder', () => {
    write('p/.mlsdrc.yaml', 'rules: { metric-gap: hint }\n');
    const json = write('p/.mlsdrc.json', '{ "rules": { "metric-gap": "error" } }');
    expect(findConfigFile(join(root, 'p/doc.md'))).toBe(json);
  });

  it('with no config in the folder, applies the one findConfigFile finds above it, else the defaults with no config file', () => {
    const isolated = mkdtempSync(join(tmpdir(), 'mlsd-noconfig-'));
    try {
      const doc = join(isolated, 'doc.md');
      const loaded = loadConfigForFile(doc, opts);
      // Nothing in the fresh folder, so whatever applies comes from above it (usually nothing, but a config in
      // the temp folder's parents would be found legitimately): the result must be exactly that, or the defaults.
      const above = findConfigFile(doc);
      expect(above === undefined || !above.startsWith(isolated)).toBe(true);
      expect(loaded.configFile).toBe(above);
      const expected = above === undefined ? { config: defaultConfig(), problems: [] } : loadConfigFile(above, opts);
      expect(loaded.config).toEqual(expected.config);
      expect(loaded.problems).toEqual(expected.problems);
    } finally {
      rmSync(isolated, { recursive: true, force: true });
    }
  });

  it('reports invalid JSON with its line and column instead of throwing', () => {
    const file = write('badjson/.mlsdrc.json', '{\n  "rules": {\n    "missing-step": "off",\n  }\n}\n');
    const loaded = loadConfigForFile(join(root, 'badjson/doc.md'), opts);
    expect(loaded.configFile).toBe(file);
    expect(loaded.problems).toHaveLength(1);
    expect(loaded.problems[0]!.file).toBe(file);
    expect(loaded.problems[0]!.message).toMatch(/^invalid JSON at line 4, column 3: /);
    expect(loaded.config.rubric).toBe(DEFAULT_RUBRIC);
  });

  it('reports invalid YAML with its line', () => {
    write('badyaml/.mlsdrc.yml', 'rules:\n  missing-step: off\n  missing-step: error\n');
    const duplicate = loadConfigForFile(join(root, 'badyaml/doc.md'), opts);
    expect(duplicate.problems[0]!.message).toMatch(/^invalid YAML at line 3/);
    write('badyaml2/.mlsdrc.yaml', 'rules: [unclosed\n');
    const unclosed = loadConfigForFile(join(root, 'badyaml2/doc.md'), opts);
    expect(unclosed.problems[0]!.message).toMatch(/^invalid YAML at line \d+/);
  });

  it('reports a binary or empty config file clearly', () => {
    write('bin/.mlsdrc.json', '\u0000\u0001\u0002');
    expect(loadConfigForFile(join(root, 'bin/doc.md'), opts).problems[0]!.message).toContain('binary');
    write('empty/.mlsdrc.yaml', '');
    const empty = loadConfigForFile(join(root, 'empty/doc.md'), opts);
    expect(empty.problems).toEqual([]);
    expect(empty.config.rules).toEqual({});
  });

  it('re-reads a config file when it changes and reuses it while it does not', () => {
    const file = write('cache/.mlsdrc.json', '{ "rules": { "metric-gap": "off" } }');
    const doc = join(root, 'cache/doc.md');
    const first = loadConfigForFile(doc);
    expect(loadConfigForFile(doc)).toBe(first);
    writeFileSync(file, '{ "rules": { "metric-gap": "error" } }');
    const later = new Date(Date.now() + 5000);
    utimesSync(file, later, later);
    const second = loadConfigForFile(doc);
    expect(second).not.toBe(first);
    expect(second.config.rules['metric-gap']).toEqual({ severity: 'error' });
  });

  it('layers a file onto a base configuration', () => {
    write('layer/.mlsdrc.json', '{ "rules": { "metric-gap": "off" } }');
    const base = resolveConfig({ rules: { 'missing-step': 'hint' } }, 'settings', undefined, opts).config;
    const loaded = loadConfigForFile(join(root, 'layer/doc.md'), { ...opts, base });
    expect(loaded.config.rules).toEqual({ 'missing-step': { severity: 'hint' }, 'metric-gap': { severity: 'off' } });
  });

  it('loads an explicit file and says when a package.json holds no configuration', () => {
    const pkg = write('explicit/package.json', '{ "name": "x" }');
    const loaded = loadConfigFile(pkg, opts);
    expect(loaded.problems[0]).toMatchObject({ file: pkg, key: 'mlsd' });
    const missing = loadConfigFile(join(root, 'explicit/nope.json'), opts);
    expect(missing.problems[0]!.message).toContain('cannot read');
  });
});
