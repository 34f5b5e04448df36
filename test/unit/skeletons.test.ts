// The skeletons API: step skeletons cut from templates/generic.md, fragments cut from
// templates/fragments.md, template texts for new documents, worked examples, and the
// placeholder/snippet conversion they share.
import { describe, expect, it } from 'vitest';
import { DEFAULT_STEP_IDS } from '../../server/src/engine/types';
import {
  FRAGMENT_NAMES,
  TEMPLATES,
  escapeSnippetText,
  findTemplate,
  getFragment,
  getExampleInfo,
  getExampleSource,
  getExampleText,
  getStepSkeleton,
  getTemplateSource,
  getTemplateText,
  hasExample,
  listPlaceholders,
  parseFragments,
  parseStepSections,
  removeMarkers,
  render,
  toPlainText,
  toSnippet,
} from '../../server/src/engine/skeletons';

const EXPECTED_TITLES: Record<string, string> = {
  clarify: 'Clarify requirements',
  framing: 'Frame the problem as an ML task',
  data: 'Data preparation',
  model: 'Model development',
  evaluation: 'Evaluation',
  serving: 'Deployment and serving',
  monitoring: 'Monitoring and maintenance',
};

describe('getStepSkeleton', () => {
  it('returns title, number and a body of prompts for each of the seven steps', () => {
    DEFAULT_STEP_IDS.forEach((stepId, index) => {
      const skeleton = getStepSkeleton(stepId);
      expect(skeleton.title).toBe(EXPECTED_TITLES[stepId]);
      expect(skeleton.number).toBe(index + 1);
      expect(skeleton.body.split('\n').filter((line) => line.trim() !== '').length).toBeGreaterThanOrEqual(4);
      // The heading line is not part of the body, and nothing template-internal leaks out.
      expect(skeleton.body).not.toMatch(/^## /m);
      expect(skeleton.body).not.toContain('<!--');
      // Prompts for the writer: questions, and placeholders kept for the writer to replace.
      expect(skeleton.body).toMatch(/\?/);
      expect(getStepSkeleton(stepId, 'plain').body).not.toContain('{{');
      expect(skeleton.body).toBe(skeleton.body.trim());
    });
  });

  it('carries the step-specific prompts the fixes and completions rely on', () => {
    expect(getStepSkeleton('evaluation').body).toContain('### Why offline and online metrics disagree');
    expect(getStepSkeleton('evaluation').body).toMatch(/### Offline metrics[\s\S]*\|[\s\S]*### Online metrics/);
    expect(getStepSkeleton('serving').body).toMatch(/^### Latency budget$/m);
    expect(getStepSkeleton('serving').body).toMatch(/p99 ≤ \{\{end-to-end p99\}\}/);
    expect(getStepSkeleton('serving').body).toMatch(/mermaid/);
    expect(getStepSkeleton('data').body).toMatch(/stream/i);
    expect(getStepSkeleton('model').body).toMatch(/two-stage funnel/i);
  });

  it('keeps {{placeholders}} in text form, bare labels in plain form, tab stops in snippet form', () => {
    expect(getStepSkeleton('serving').body).toContain('{{peak QPS}}');
    expect(getStepSkeleton('serving', 'plain').body).toMatch(/p99 ≤ end-to-end p99 at peak QPS/);
    const snippet = getStepSkeleton('serving', 'snippet');
    expect(snippet.body).toContain('${1:');
    expect(snippet.body).toMatch(/p99 ≤ \$\{\d+:end-to-end p99\}/);
  });

  it('returns undefined for ids outside the seven default steps', () => {
    expect(getStepSkeleton('no-such-step')).toBeUndefined();
    expect(getStepSkeleton('')).toBeUndefined();
    expect(getStepSkeleton('metric-gap')).toBeUndefined();
  });
});

describe('getFragment', () => {
  it('returns every named fragment without markers, placeholders kept for the writer', () => {
    for (const name of FRAGMENT_NAMES) {
      const fragment = getFragment(name);
      expect(fragment.length, name).toBeGreaterThan(100);
      expect(fragment, name).not.toContain('mlsd-snippet');
      expect(fragment, name).toBe(fragment.trim());
      expect(listPlaceholders(getFragment(name, 'plain')), name).toEqual([]);
      if (name !== 'two-stage-diagram') expect(listPlaceholders(fragment).length, name).toBeGreaterThan(0);
    }
  });

  it('cuts the right content from templates/fragments.md', () => {
    expect(getFragment('metrics-table')).toMatch(/^### Offline metrics\n/);
    expect(getFragment('metrics-table')).toContain('### Online metrics');
    expect(getFragment('metric-gap')).toMatch(/^### Why offline and online metrics disagree\n/);
    expect(getFragment('metric-gap')).toMatch(/interleaving/i);
    expect(getFragment('latency-budget-table')).toMatch(/p99 ≤ \{\{200 ms\}\}/);
    expect(getFragment('latency-budget-table', 'plain')).toMatch(/p99 ≤ 200 ms/);
    expect(getFragment('latency-budget-table', 'plain')).toMatch(/^\| Candidate generation \| 50 ms \|/m);
    const diagram = getFragment('two-stage-diagram');
    expect(diagram.startsWith('```mermaid\nflowchart')).toBe(true);
    expect(diagram.endsWith('\n```')).toBe(true);
    expect(diagram).toMatch(/Candidate generation/);
    expect(diagram).toMatch(/Ranking/);
  });

  it('throws a clear error for an unknown fragment name', () => {
    expect(() => getFragment('nope' as never)).toThrow(/no 'nope' fragment/);
  });
});

describe('templates', () => {
  it('lists the generic template first and ten case studies', () => {
    expect(TEMPLATES[0]?.id).toBe('generic');
    expect(TEMPLATES).toHaveLength(11);
    expect(new Set(TEMPLATES.map((template) => template.id)).size).toBe(TEMPLATES.length);
    for (const template of TEMPLATES) {
      expect(template.title.length).toBeGreaterThan(3);
      expect(template.description).not.toContain('\n');
      expect(findTemplate(template.id)).toEqual(template);
    }
    expect(findTemplate('nope')).toBeUndefined();
  });

  it('gives users a new document: front matter with mlsd: true, no markers, the {{placeholders}} still to fill', () => {
    for (const { id, title } of TEMPLATES) {
      const text = getTemplateText(id);
      expect(text.startsWith(`---\ntitle: ${title}\nmlsd: true\n---\n`), id).toBe(true);
      expect(text, id).not.toMatch(/^description:/m);
      expect(text, id).not.toContain('mlsd-snippet');
      expect(listPlaceholders(text).length, id).toBeGreaterThan(0);
      expect(listPlaceholders(text), id).toEqual(listPlaceholders(getTemplateSource(id)));
      expect(listPlaceholders(getTemplateText(id, 'plain')), id).toEqual([]);
    }
    expect(getTemplateText('generic')).toContain('# ML system design: {{system name}}');
    expect(getTemplateText('generic', 'plain')).toContain('# ML system design: system name');
  });

  it('has a worked example for every template, read like a created document', () => {
    for (const { id } of TEMPLATES) {
      expect(hasExample(id), id).toBe(true);
      const text = getExampleText(id);
      expect(text, id).toMatch(/^---\ntitle: .+\nmlsd: true\n---\n/);
      expect(text, id).not.toMatch(/^description:/m);
      expect(getExampleSource(id), id).toMatch(/^description: Worked example/m);
      expect(text, id).not.toContain('{{');
    }
    expect(getExampleInfo('generic')).toEqual({
      id: 'generic',
      title: 'Generic ML system design: restaurant ranking',
      description: expect.stringMatching(/^Worked example of the generic template/),
    });
    expect(getExampleInfo('ad-click-prediction').title).toBe('Ad click prediction');
    expect(hasExample('nope')).toBe(false);
    expect(hasExample('constructor')).toBe(false);
    expect(() => getExampleSource('nope')).toThrow(/No worked example for 'nope'/);
  });

  it('throws a clear error for an unknown template id', () => {
    expect(() => getTemplateText('no-such-template')).toThrow(/Unknown design-doc template 'no-such-template'.*generic/);
    expect(() => getTemplateSource('')).toThrow(/Unknown design-doc template/);
  });
});

describe('placeholder conversion', () => {
  it('keeps placeholders in text form and turns them into plain labels in plain form', () => {
    expect(render('p99 ≤ {{200 ms}}', 'text')).toBe('p99 ≤ {{200 ms}}');
    expect(render('p99 ≤ {{200 ms}}', 'plain')).toBe('p99 ≤ 200 ms');
    expect(render('p99 ≤ {{200 ms}}', 'snippet')).toBe('p99 ≤ ${1:200 ms}');
    expect(toPlainText('p99 ≤ {{200 ms}} at {{5,000}} QPS')).toBe('p99 ≤ 200 ms at 5,000 QPS');
    expect(toPlainText('no placeholders, {single} braces, {{}} empty')).toBe('no placeholders, {single} braces, {{}} empty');
  });

  it('numbers tab stops in order and escapes $, } and \\', () => {
    expect(toSnippet('p99 ≤ {{200 ms}} at {{5,000}} QPS')).toBe('p99 ≤ ${1:200 ms} at ${2:5,000} QPS');
    expect(toSnippet('cost $5 per {{1,000}} requests')).toBe('cost \\$5 per ${1:1,000} requests');
    expect(toSnippet('a } b \\ c')).toBe('a \\} b \\\\ c');
    expect(toSnippet('{{costs $3}}')).toBe('${1:costs \\$3}');
    expect(toSnippet('{{x}} {{y}}', 4)).toBe('${4:x} ${5:y}');
  });

  it('leaves fenced code alone: no tab stops, but still escaped', () => {
    const source = ['before {{a}}', '```mermaid', 'flowchart LR', '    hex{{Hexagon}} --> B', '```', 'after {{b}}'].join('\n');
    expect(listPlaceholders(source)).toEqual(['a', 'b']);
    expect(toPlainText(source)).toBe(['before a', '```mermaid', 'flowchart LR', '    hex{{Hexagon}} --> B', '```', 'after b'].join('\n'));
    expect(toSnippet(source)).toBe(['before ${1:a}', '```mermaid', 'flowchart LR', '    hex{{Hexagon\\}\\} --> B', '```', 'after ${2:b}'].join('\n'));
  });

  it('handles tilde fences, longer fences and unclosed fences', () => {
    expect(listPlaceholders('~~~~\n{{in}}\n~~~\n{{still in}}\n~~~~\n{{out}}')).toEqual(['out']);
    expect(listPlaceholders('```\n{{never closed}}')).toEqual([]);
    // An inline code span that starts a line is not a fence.
    expect(listPlaceholders('```inline``` and {{out}}')).toEqual(['out']);
  });

  it('escapes snippet text', () => {
    expect(escapeSnippetText('${1:x} \\ }')).toBe('\\${1:x\\} \\\\ \\}');
  });
});

describe('template parsing helpers', () => {
  it('splits ## sections, ignoring ## inside code fences', () => {
    const sections = parseStepSections(['# Title', 'intro', '## 1. First', 'a', '```md', '## not a heading', '```', '## Second ##', 'b', ''].join('\n'));
    expect(sections.map((section) => [section.number, section.title])).toEqual([
      [1, 'First'],
      [2, 'Second'],
    ]);
    expect(sections[0]?.rawBody).toBe('a\n```md\n## not a heading\n```');
    expect(sections[1]?.rawBody).toBe('b');
  });

  it('reads marked fragments and rejects broken markers', () => {
    const fragments = parseFragments('x\n<!-- mlsd-snippet:one -->\n\nbody\n\n<!-- /mlsd-snippet -->\ny');
    expect(fragments.get('one')).toBe('body');
    expect(() => parseFragments('<!-- mlsd-snippet:a -->\n<!-- mlsd-snippet:b -->')).toThrow(/starts inside fragment 'a'/);
    expect(() => parseFragments('<!-- /mlsd-snippet -->')).toThrow(/without a start marker/);
    expect(() => parseFragments('<!-- mlsd-snippet:open -->\ntext')).toThrow(/'open' is never closed/);
  });

  it('removes marker lines only', () => {
    expect(removeMarkers('a\n<!-- mlsd-snippet:x -->\nb\n<!-- /mlsd-snippet -->\n<!-- other comment -->')).toBe('a\nb\n<!-- other comment -->');
  });
});
