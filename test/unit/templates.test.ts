// The shipped templates: manifest, structure of every template, what the engine makes of them,
// and the snippets generated from them.
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import picomatch from 'picomatch';
import { DEFAULT_SETTINGS } from '../../server/src/protocol';
import { createEngine, type LintResult } from '../../server/src/engine';
import { DEFAULT_STEP_IDS } from '../../server/src/engine/types';
import { getBlock, getStepSkeleton, getTemplateSource, getTemplateText, listPlaceholders, TEMPLATES } from '../../server/src/engine/skeletons';

const root = resolve(__dirname, '../..');
const templatesDir = join(root, 'templates');

const STEP_HEADINGS = [
  '1. Clarify requirements',
  '2. Frame the problem as an ML task',
  '3. Data preparation',
  '4. Model development',
  '5. Evaluation',
  '6. Deployment and serving',
  '7. Monitoring and maintenance',
];

const CASE_STUDIES = [
  'visual-search',
  'street-view-blurring',
  'youtube-video-search',
  'harmful-content-detection',
  'video-recommendation',
  'event-recommendation',
  'ad-click-prediction',
  'similar-listings',
  'personalized-news-feed',
  'people-you-may-know',
];

interface ManifestEntry {
  id: string;
  file: string;
  title: string;
  description: string;
}
const manifest = JSON.parse(readFileSync(join(templatesDir, 'index.json'), 'utf8')) as ManifestEntry[];

interface Section {
  heading: string;
  lines: string[];
}

/** The raw file split into its `## ` sections (fences respected). */
function sectionsOf(source: string): { preamble: string[]; sections: Section[] } {
  const preamble: string[] = [];
  const sections: Section[] = [];
  let inFence: string | undefined;
  for (const line of source.split('\n')) {
    const fence = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence && (!inFence || (fence[0] === inFence[0] && fence.length >= inFence.length))) inFence = inFence ? undefined : fence;
    const heading = !inFence && !fence ? /^## (.*)$/.exec(line) : null;
    if (heading) sections.push({ heading: heading[1] ?? '', lines: [] });
    else (sections.at(-1)?.lines ?? preamble).push(line);
  }
  return { preamble, sections };
}

/** Markdown tables in a run of lines: header cells and body rows. */
function tablesIn(lines: string[]): { header: string[]; rows: string[][] }[] {
  const tables: { header: string[]; rows: string[][] }[] = [];
  const cells = (line: string): string[] => line.trim().replace(/^\||\|$/g, '').split('|').map((cell) => cell.trim());
  for (let index = 0; index + 1 < lines.length; index++) {
    if (/^\s*\|/.test(lines[index] ?? '') && /^\s*\|(\s*:?-{3,}:?\s*\|)+\s*$/.test(lines[index + 1] ?? '')) {
      const rows: string[][] = [];
      let next = index + 2;
      while (/^\s*\|/.test(lines[next] ?? '')) rows.push(cells(lines[next++] ?? ''));
      tables.push({ header: cells(lines[index] ?? ''), rows });
      index = next;
    }
  }
  return tables;
}

/** Lines under a `### title` subsection, up to the next heading. */
function subsection(lines: string[], title: RegExp): string[] {
  const start = lines.findIndex((line) => /^### /.test(line) && title.test(line));
  if (start < 0) return [];
  const end = lines.findIndex((line, index) => index > start && /^#{2,3} /.test(line));
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

const proseLength = (lines: string[]): number =>
  lines.filter((line) => line.trim() !== '' && !/^#/.test(line) && !/^<!--/.test(line)).join(' ').length;

describe('template manifest', () => {
  it('lists exactly the Markdown files in templates/, with unique ids', () => {
    const files = readdirSync(templatesDir).filter((file) => file.endsWith('.md')).sort();
    expect(manifest.map((entry) => entry.file).sort()).toEqual(files);
    expect(new Set(manifest.map((entry) => entry.id)).size).toBe(manifest.length);
    for (const entry of manifest) expect(entry.file).toBe(`${entry.id}.md`);
  });

  it('has the generic template and all ten case studies', () => {
    expect(manifest.map((entry) => entry.id)).toEqual(['generic', ...CASE_STUDIES]);
  });

  it('matches each template file (the bundled copy is the file on disk)', () => {
    for (const entry of manifest) {
      expect(getTemplateSource(entry.id), entry.id).toBe(readFileSync(join(templatesDir, entry.file), 'utf8').replace(/\r\n?/g, '\n'));
    }
    expect(TEMPLATES.map(({ id, title, description }) => ({ id, title, description }))).toEqual(
      manifest.map(({ id, title, description }) => ({ id, title, description })),
    );
  });
});

describe.each(manifest)('template $id', (entry) => {
  const source = readFileSync(join(templatesDir, entry.file), 'utf8');
  const { preamble, sections } = sectionsOf(source);
  const section = (number: number): string[] => sections[number - 1]?.lines ?? [];

  it('has front matter with title, one-line description and mlsd: true, agreeing with the manifest', () => {
    const match = /^---\n([\s\S]*?)\n---\n/.exec(source);
    expect(match).not.toBeNull();
    const frontMatter = parseYaml(match?.[1] ?? '') as Record<string, unknown>;
    expect(frontMatter).toEqual({ title: entry.title, description: entry.description, mlsd: true });
    expect(entry.description).not.toMatch(/\n/);
    expect(entry.description.length).toBeLessThan(120);
    expect(preamble.some((line) => /^# \S/.test(line))).toBe(true);
  });

  it('has the seven step sections, in order, as its only ## headings', () => {
    expect(sections.map((s) => s.heading)).toEqual(STEP_HEADINGS);
  });

  it('has real prompts under every step', () => {
    for (const [index, s] of sections.entries()) {
      const contentLines = s.lines.filter((line) => line.trim() !== '' && !/^#/.test(line) && !/^<!--/.test(line));
      expect(contentLines.length, `${s.heading}`).toBeGreaterThanOrEqual(3);
      expect(proseLength(s.lines), `${s.heading}`).toBeGreaterThan(index === 1 ? 300 : 500);
      // Questions and prompts, not "TBD".
      expect(s.lines.join('\n'), s.heading).not.toMatch(/\bTBD\b|\bTODO\b|lorem ipsum/i);
    }
    expect(section(1).join('\n')).toMatch(/\?/);
  });

  it('has offline and online metric tables in Evaluation', () => {
    const evaluation = section(5);
    const offline = tablesIn(subsection(evaluation, /offline metrics/i));
    const online = tablesIn(subsection(evaluation, /online metrics$/i));
    expect(offline).toHaveLength(1);
    expect(online).toHaveLength(1);
    expect(offline[0]?.rows.length).toBeGreaterThanOrEqual(3);
    expect(online[0]?.rows.length).toBeGreaterThanOrEqual(3);
    expect(online[0]?.rows.some((row) => row.some((cell) => /guardrail/i.test(cell)))).toBe(true);
  });

  it('discusses why offline and online metrics disagree, with remedies', () => {
    const gap = subsection(section(5), /^### Why offline and online metrics disagree$/);
    const bullets = gap.filter((line) => /^- /.test(line));
    expect(bullets.length).toBeGreaterThanOrEqual(4);
    const text = gap.join('\n');
    const causes = [/position|selection/i, /proxy/i, /feedback loop/i, /novelty|primacy/i, /non-stationar|shift|drift|change/i, /calibrat/i];
    expect(causes.filter((cause) => cause.test(text)).length).toBeGreaterThanOrEqual(3);
    expect(text).toMatch(/A\/B test|interleav|counterfactual|replay|off-policy|shadow|audit/i);
    expect(text).toMatch(/guardrail/i);
  });

  it('has a latency budget table with an end-to-end target and per-stage numbers', () => {
    const serving = section(6);
    const budgets = tablesIn(serving).filter((table) => /budget/i.test(table.header.join(' ')));
    expect(budgets).toHaveLength(1);
    const rows = budgets[0]?.rows ?? [];
    const timed = rows.filter((row) => /\d[\d,.]*\s*(?:ms|s|h)\b/.test(row.join(' ')));
    expect(timed.length).toBeGreaterThanOrEqual(4);
    // The last row sums the stages up, in bold.
    expect(rows.at(-1)?.[0]).toMatch(/^\*\*.+\*\*$/);
    expect(serving.join('\n')).toMatch(/\bp9[59]\b[^\n]*(?:≤|<)\s*\{\{\d[\d,.]*\s*(?:ms|s|h)\}\}/);
  });

  it('has a mermaid architecture diagram', () => {
    const diagrams = [...source.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((match) => match[1] ?? '');
    expect(diagrams.length).toBeGreaterThanOrEqual(1);
    for (const diagram of diagrams) {
      expect(diagram).toMatch(/^(flowchart|graph) (LR|TD|TB)\n/);
      expect(diagram.split('\n').filter((line) => /-->|-\.->/.test(line)).length).toBeGreaterThanOrEqual(6);
    }
  });

  it('uses well-formed placeholders only', () => {
    const outsideFences = source.replace(/^```[\s\S]*?^```$/gm, '');
    const opened = (outsideFences.match(/\{\{/g) ?? []).length;
    const closed = (outsideFences.match(/\}\}/g) ?? []).length;
    expect(opened).toBe(closed);
    expect(listPlaceholders(source).length).toBe(opened);
    expect(listPlaceholders(source).every((label) => label.trim() === label && label.length > 0)).toBe(true);
  });
});

describe('Street View blurring is a batch pipeline', () => {
  it('budgets throughput and freshness, with a per-image latency row', () => {
    const serving = sectionsOf(getTemplateSource('street-view-blurring')).sections[5]?.lines.join('\n') ?? '';
    expect(serving).toMatch(/Throughput target/);
    expect(serving).toMatch(/freshness/i);
    expect(serving).toMatch(/^\| Per-image detection latency \(p99[^|]*\| \{\{\d+ ms\}\}/m);
    expect(serving).toMatch(/Batch prediction only/);
  });
});

describe('the generic template', () => {
  it('marks the four reusable blocks', () => {
    const source = getTemplateSource('generic');
    for (const name of ['metrics-table', 'metric-gap', 'latency-budget-table', 'two-stage-diagram']) {
      expect(source).toContain(`<!-- mlsd-snippet:${name} -->`);
    }
    expect((source.match(/<!-- \/mlsd-snippet -->/g) ?? []).length).toBe(4);
  });

  it('draws two-stage candidate generation and ranking', () => {
    const diagram = getBlock('two-stage-diagram');
    expect(diagram).toMatch(/Candidate generation/);
    expect(diagram).toMatch(/Ranking model/);
    expect(diagram).toMatch(/cg -->\|a few hundred candidates\| ranker/);
  });
});

// Originality guard: the corpus of third-party docs must never be copied into templates. The
// corpus lives in the shared folder beside the checkout and may be absent (then the test skips).
const corpusDir = resolve(root, '../shared/corpus/dev');
describe.skipIf(!existsSync(corpusDir))('templates are our own writing', () => {
  it('share no long line with the third-party corpus', () => {
    const normalise = (line: string): string => line.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
    const corpusLines = new Set<string>();
    for (const file of readdirSync(corpusDir).filter((name) => name.endsWith('.md'))) {
      for (const line of readFileSync(join(corpusDir, file), 'utf8').split('\n')) {
        const normalised = normalise(line);
        if (normalised.length >= 40) corpusLines.add(normalised);
      }
    }
    const copied = manifest.flatMap((entry) =>
      readFileSync(join(templatesDir, entry.file), 'utf8')
        .split('\n')
        .filter((line) => corpusLines.has(normalise(line)))
        .map((line) => `${entry.file}: ${line}`),
    );
    expect(copied).toEqual([]);
  });
});

describe('the engine on every template', () => {
  const engine = createEngine();
  const results = new Map<string, LintResult>();

  beforeAll(async () => {
    for (const { id } of TEMPLATES) results.set(id, await engine.lint(getTemplateText(id)));
  });

  // A document fresh from a template still holds prompts, so the engine may call a step "thin";
  // what it must never do is miss one of the seven headings or the two checks entirely.
  it.each(TEMPLATES.map((template) => template.id))('%s: no missing-step finding; no step or check missing', (id) => {
    const result = results.get(id);
    expect(result).toBeDefined();
    const missing = result?.findings.filter((finding) => finding.ruleId === 'missing-step') ?? [];
    expect(missing.map((finding) => finding.message)).toEqual([]);
    for (const stepId of DEFAULT_STEP_IDS) expect(result?.coverage[stepId]?.status, `${id} ${stepId}`).not.toBe('missing');
    expect(result?.coverage['metric-gap']?.status, `${id} metric-gap`).not.toBe('missing');
    expect(result?.coverage['latency-budget']?.status, `${id} latency-budget`).not.toBe('missing');
  });

  it.each(TEMPLATES.map((template) => template.id))('%s: every mermaid diagram parses', (id) => {
    const findings = results.get(id)?.findings ?? [];
    const broken = findings.filter((finding) => finding.ruleId === 'mermaid-syntax');
    expect(broken.map((finding) => `line ${finding.range.start.line + 1}: ${finding.message}`)).toEqual([]);
    expect(results.get(id)?.doc.mermaidBlocks.length).toBeGreaterThanOrEqual(1);
  });
});

describe('generated snippets', () => {
  type SnippetFile = Record<string, { prefix: string; description: string; body: string[] }>;
  let snippets: SnippetFile;

  beforeAll(() => {
    const dir = mkdtempSync(join(tmpdir(), 'mlsd-snippets-'));
    try {
      const out = join(dir, 'mlsd.code-snippets');
      execFileSync(process.execPath, [join(root, 'scripts/gen-snippets.mjs'), out], { cwd: root, stdio: 'pipe', timeout: 60_000 });
      snippets = JSON.parse(readFileSync(out, 'utf8')) as SnippetFile;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  /**
   * Expands a snippet body as VS Code would with default values, and returns the tab stops seen.
   * Throws on an unescaped `$` or `}` (which VS Code would treat as syntax).
   */
  function expand(body: string): { text: string; tabStops: number[] } {
    let text = '';
    const tabStops: number[] = [];
    let index = 0;
    const readEscaped = (stop: string | undefined): string => {
      let out = '';
      while (index < body.length) {
        const character = body[index] ?? '';
        if (character === '\\' && '$}\\'.includes(body[index + 1] ?? '')) {
          out += body[index + 1];
          index += 2;
        } else if (stop !== undefined && character === stop) {
          return out;
        } else if (character === '$') {
          const placeholder = /^\$\{(\d+):/.exec(body.slice(index));
          if (!placeholder || stop !== undefined) throw new Error(`unescaped $ at ${index}: ${JSON.stringify(body.slice(index, index + 20))}`);
          tabStops.push(Number(placeholder[1]));
          index += placeholder[0].length;
          out += readEscaped('}');
          index += 1; // the closing brace
        } else if (character === '}') {
          throw new Error(`unescaped } at ${index}: ${JSON.stringify(body.slice(Math.max(0, index - 20), index + 1))}`);
        } else {
          out += character;
          index += 1;
        }
      }
      if (stop !== undefined) throw new Error('unterminated placeholder');
      return out;
    };
    text = readEscaped(undefined);
    return { text, tabStops };
  }

  const expectedPlainText: Record<string, () => string> = {
    'mlsd-doc': () => getTemplateText('generic'),
    'mlsd-metrics-table': () => getBlock('metrics-table'),
    'mlsd-metric-gap': () => getBlock('metric-gap'),
    'mlsd-latency-budget': () => getBlock('latency-budget-table'),
    'mlsd-two-stage-diagram': () => getBlock('two-stage-diagram'),
    ...Object.fromEntries(CASE_STUDIES.map((id) => [`mlsd-doc-${id}`, () => getTemplateText(id)])),
    ...Object.fromEntries(
      DEFAULT_STEP_IDS.map((stepId) => [
        `mlsd-${stepId}`,
        () => {
          const step = getStepSkeleton(stepId);
          return `## ${step.number}. ${step.title}\n\n${step.body}`;
        },
      ]),
    ),
  };
  const expectedSource: Record<string, () => string> = {
    'mlsd-doc': () => getTemplateSource('generic'),
    ...Object.fromEntries(CASE_STUDIES.map((id) => [`mlsd-doc-${id}`, () => getTemplateSource(id)])),
  };

  it('covers the whole doc, each case study, each step and each block', () => {
    const prefixes = Object.values(snippets).map((snippet) => snippet.prefix).sort();
    expect(prefixes).toEqual(Object.keys(expectedPlainText).sort());
    for (const snippet of Object.values(snippets)) {
      expect(Array.isArray(snippet.body)).toBe(true);
      expect(snippet.description.length).toBeGreaterThan(10);
    }
  });

  it.each(Object.keys(expectedPlainText))('%s expands to the template text, with a tab stop per placeholder', (prefix) => {
    const snippet = Object.values(snippets).find((candidate) => candidate.prefix === prefix);
    expect(snippet).toBeDefined();
    const body = snippet?.body.join('\n') ?? '';
    const { text, tabStops } = expand(body);
    expect(text).toBe(expectedPlainText[prefix]?.());
    // Numbered 1..n in order, one per placeholder of the source.
    expect(tabStops).toEqual(tabStops.map((_stop, index) => index + 1));
    const source = expectedSource[prefix]?.();
    if (source !== undefined) expect(tabStops.length).toBe(listPlaceholders(source).length);
    if (prefix !== 'mlsd-two-stage-diagram') expect(tabStops.length).toBeGreaterThan(0);
  });

  it('the escaping check itself rejects bad bodies', () => {
    expect(() => expand('costs $5')).toThrow(/unescaped \$/);
    expect(() => expand('a } b')).toThrow(/unescaped \}/);
    expect(expand('\\$5 ${1:a \\} b}').text).toBe('$5 a } b');
  });
});

// The example workspace that `npm start` and the end-to-end tests use: the complete doc stays
// clean, and the flawed ones keep showing the findings they were written to show.
describe('example design docs', () => {
  const engine = createEngine();
  const examplesDir = join(root, 'examples/design-docs');
  const lintExample = async (file: string): Promise<LintResult> => engine.lint(readFileSync(join(examplesDir, file), 'utf8'));
  const summary = (result: LintResult): string[] => result.findings.map((finding) => `${finding.ruleId} ${finding.stepId ?? ''} line ${finding.range.start.line + 1}`);

  it('fraud-detection is complete: no findings at all', async () => {
    const result = await lintExample('fraud-detection.design.md');
    expect(summary(result)).toEqual([]);
    expect(Object.values(result.coverage).every((entry) => entry.status === 'present')).toBe(true);
  });

  it('news-feed-ranking lacks monitoring, a latency number and the metric-gap discussion', async () => {
    const result = await lintExample('news-feed-ranking.design.md');
    expect(result.coverage.monitoring?.status).toBe('missing');
    expect(result.coverage['latency-budget']?.status).toBe('missing');
    expect(result.coverage['metric-gap']?.status).toBe('missing');
    for (const stepId of ['clarify', 'framing', 'data', 'model', 'evaluation', 'serving']) expect(result.coverage[stepId]?.status, stepId).toBe('present');
    const rules = new Set(result.findings.map((finding) => finding.ruleId));
    expect([...rules]).toEqual(expect.arrayContaining(['missing-step', 'metric-gap', 'latency-budget']));
    expect(rules.has('mermaid-syntax')).toBe(false);
  });

  it('video-search-draft shows thin steps, a missing step and a broken diagram', async () => {
    const result = await lintExample('video-search-draft.design.md');
    expect(result.coverage.model?.status).toBe('thin');
    expect(result.coverage.monitoring?.status).toBe('missing');
    const mermaid = result.findings.filter((finding) => finding.ruleId === 'mermaid-syntax');
    expect(mermaid).toHaveLength(1);
    expect(mermaid[0]?.severity).toBe('error');
    expect(result.findings.some((finding) => finding.ruleId === 'thin-step')).toBe(true);
  });

  it('every example is a design doc by the default include globs, and the README is not', () => {
    const files = readdirSync(examplesDir);
    expect(files.sort()).toEqual(['fraud-detection.design.md', 'news-feed-ranking.design.md', 'video-search-draft.design.md']);
    const isIncluded = picomatch(DEFAULT_SETTINGS.include, { dot: true });
    for (const file of files) expect(isIncluded(`examples/design-docs/${file}`), file).toBe(true);
    expect(existsSync(join(root, 'examples/README.md'))).toBe(true);
    expect(isIncluded('examples/README.md')).toBe(false);
  });
});
