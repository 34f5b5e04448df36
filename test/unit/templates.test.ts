// The shipped templates: manifest, the question-only templates (what "New Design Doc from
// Template" creates), the worked examples (templates/examples/), the reusable fragments
// (templates/fragments.md), and the snippets generated from them. What the engine's judgment makes of
// templates and examples is tested in templateJudgment.test.ts.
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
import {
  getFragment,
  getFragmentsSource,
  getExampleSource,
  getExampleText,
  getStepSkeleton,
  getTemplateSource,
  getTemplateText,
  listPlaceholders,
  parseFragments,
  TEMPLATES,
} from '../../server/src/engine/skeletons';

const root = resolve(__dirname, '../..');
const templatesDir = join(root, 'templates');
const examplesDir = join(templatesDir, 'examples');

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
  example: string;
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
  const cells = (line: string): string[] =>
    line
      .trim()
      .replace(/^\||\|$/g, '')
      .split('|')
      .map((cell) => cell.trim());
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

/** Non-blank lines that are neither headings nor HTML comments. */
const contentLines = (lines: string[]): string[] => lines.filter((line) => line.trim() !== '' && !/^#/.test(line) && !/^<!--/.test(line));

const proseLength = (lines: string[]): number => contentLines(lines).join(' ').length;

const frontMatterOf = (source: string): Record<string, unknown> | undefined => {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(source);
  return match ? (parseYaml(match[1] ?? '') as Record<string, unknown>) : undefined;
};

/** Imperatives that open guidance addressed to the writer in a template. */
const GUIDANCE = /^(?:Consider|Sketch|Describe|Explain|List|Name|Fill in|Replace|Tie|Split|Estimate|State|Justify|Compare|Note)\b/;

/**
 * Whether a line of a template only prompts the writer: a question, guidance addressed to the
 * writer, a line holding a `{{placeholder}}`, or the header or separator of a table whose body rows
 * hold placeholders (checked separately).
 */
function isPrompt(line: string): boolean {
  const text = line.trim().replace(/^(?:[-*+]|\d+[.)])\s+/, '');
  if (/\{\{[^{}\n]+\}\}/.test(text)) return true;
  if (/^\|(?:\s*:?-{3,}:?\s*\|)+$/.test(text)) return true;
  if (/^\|\s*(?:Metric|Stage|Group)\s*\|/.test(text)) return true;
  if (GUIDANCE.test(text)) return true;
  // A question: every sentence ends with a question mark (a trailing "(...)" aside).
  const sentences = text.split(/(?<=[.!?])\s+(?=[A-Z])/).filter((sentence) => sentence.trim() !== '');
  return sentences.length > 0 && sentences.every((sentence) => /\?\)?$/.test(sentence.trim()));
}

describe('template manifest', () => {
  it('lists exactly the templates in templates/ (fragments.md aside) and the worked examples in templates/examples/', () => {
    const files = readdirSync(templatesDir)
      .filter((file) => file.endsWith('.md') && file !== 'fragments.md')
      .sort();
    expect(manifest.map((entry) => entry.file).sort()).toEqual(files);
    const examples = readdirSync(examplesDir)
      .filter((file) => file.endsWith('.md'))
      .sort();
    expect(manifest.map((entry) => entry.example).sort()).toEqual(examples.map((file) => `examples/${file}`));
    expect(new Set(manifest.map((entry) => entry.id)).size).toBe(manifest.length);
    for (const entry of manifest) {
      expect(entry.file).toBe(`${entry.id}.md`);
      expect(entry.example).toBe(`examples/${entry.id}.md`);
    }
    expect(existsSync(join(templatesDir, 'fragments.md'))).toBe(true);
  });

  it('has the generic template and all ten case studies', () => {
    expect(manifest.map((entry) => entry.id)).toEqual(['generic', ...CASE_STUDIES]);
  });

  it('matches each file (the bundled copy is the file on disk)', () => {
    const onDisk = (path: string): string => readFileSync(join(templatesDir, path), 'utf8').replace(/\r\n?/g, '\n');
    for (const entry of manifest) {
      expect(getTemplateSource(entry.id), entry.id).toBe(onDisk(entry.file));
      expect(getExampleSource(entry.id), entry.id).toBe(onDisk(entry.example));
    }
    expect(getFragmentsSource()).toBe(onDisk('fragments.md'));
    expect(TEMPLATES.map(({ id, title, description }) => ({ id, title, description }))).toEqual(manifest.map(({ id, title, description }) => ({ id, title, description })));
  });
});

describe.each(manifest)('template $id (question-only)', (entry) => {
  const source = readFileSync(join(templatesDir, entry.file), 'utf8');
  const { preamble, sections } = sectionsOf(source);

  it('has front matter with title, one-line description and mlsd: true, agreeing with the manifest', () => {
    expect(frontMatterOf(source)).toEqual({ title: entry.title, description: entry.description, mlsd: true });
    expect(entry.description).not.toMatch(/\n/);
    expect(entry.description.length).toBeLessThan(120);
  });

  it("opens with a title and the case's problem statement as a short blockquote", () => {
    expect(preamble.some((line) => /^# \S/.test(line))).toBe(true);
    const quote = preamble.filter((line) => /^> \S/.test(line));
    expect(quote.length).toBeGreaterThanOrEqual(1);
    expect(quote.join(' ').length).toBeLessThan(400);
  });

  it('has the seven step sections, in order, as its only ## headings', () => {
    expect(sections.map((s) => s.heading)).toEqual(STEP_HEADINGS);
  });

  it('asks at least three questions under every step', () => {
    for (const s of sections) {
      const questions = contentLines(s.lines).filter((line) => /\?/.test(line));
      expect(questions.length, s.heading).toBeGreaterThanOrEqual(3);
      expect(s.lines.join('\n'), s.heading).not.toMatch(/\bTBD\b|\bTODO\b|lorem ipsum/i);
    }
  });

  it('holds prompts only: every line under a step is a question, guidance or a {{placeholder}}', () => {
    const statements = sections.flatMap((s) =>
      contentLines(s.lines)
        .filter((line) => !isPrompt(line))
        .map((line) => `${s.heading}: ${line}`),
    );
    expect(statements).toEqual([]);
    // Tables are skeletons: every body cell but the first column and the bold total is a placeholder.
    for (const s of sections) {
      for (const table of tablesIn(s.lines)) {
        for (const row of table.rows) {
          expect(
            row.slice(1).every((cell) => cell === '' || /^(?:\*\*)?\{\{[^{}]+\}\}(?:\*\*)?$/.test(cell)),
            `${s.heading}: ${row.join(' | ')}`,
          ).toBe(true);
        }
      }
    }
  });

  it('gives no answers: no diagram, no code, no concrete latency number', () => {
    expect(source).not.toMatch(/^ {0,3}(?:```|~~~)/m);
    const outsidePlaceholders = source.replace(/\{\{[^{}\n]+\}\}/g, '');
    expect(outsidePlaceholders).not.toMatch(/\b\d+(?:[.,]\d+)?\s*(?:ms|milliseconds?)\b/i);
  });

  it('uses well-formed placeholders only', () => {
    const opened = (source.match(/\{\{/g) ?? []).length;
    const closed = (source.match(/\}\}/g) ?? []).length;
    expect(opened).toBe(closed);
    expect(opened).toBeGreaterThan(0);
    expect(listPlaceholders(source).length).toBe(opened);
    expect(listPlaceholders(source).every((label) => label.trim() === label && label.length > 0)).toBe(true);
  });
});

describe('the generic template', () => {
  it('keeps the subsections that completion and the missing-step fix rely on', () => {
    const serving = getStepSkeleton('serving').body;
    expect(serving).toMatch(/^### Latency budget$/m);
    expect(getStepSkeleton('evaluation').body).toMatch(/^### Why offline and online metrics disagree$/m);
  });

  it('has no snippet markers (the reusable fragments live in fragments.md)', () => {
    expect(getTemplateSource('generic')).not.toContain('mlsd-snippet');
  });
});

/** Phrases that show each checkpoint of the reviewer's rubric is answered, per step (DOMAIN.md). */
const RUBRIC: Record<number, { checkpoint: string; pattern: RegExp }[]> = {
  1: [
    { checkpoint: 'business objective', pattern: /business objective/i },
    { checkpoint: 'scale in numbers', pattern: /\bscale\b[^\n]*\d/i },
    { checkpoint: 'latency requirement', pattern: /latency|p9[59]|within \d/i },
    { checkpoint: 'constraints', pattern: /constraint|privacy|GPU|budget/i },
    { checkpoint: 'data available', pattern: /data available|logs? |labelled/i },
  ],
  2: [
    { checkpoint: 'ML objective', pattern: /ML objective/ },
    { checkpoint: 'input and output', pattern: /\binput\b[\s\S]*\boutput\b/i },
    { checkpoint: 'ML category', pattern: /ML category/ },
  ],
  3: [
    { checkpoint: 'data sources', pattern: /data sources|sources/i },
    { checkpoint: 'logging', pattern: /\blog(?:ged|ging|s)\b/i },
    { checkpoint: 'batch vs streaming', pattern: /batch[\s\S]*stream|stream[\s\S]*batch/i },
    { checkpoint: 'labels', pattern: /label/i },
    { checkpoint: 'features or preprocessing', pattern: /feature|preprocess/i },
    { checkpoint: 'class imbalance', pattern: /imbalance/i },
  ],
  4: [
    { checkpoint: 'baseline', pattern: /baseline/i },
    { checkpoint: 'model choice and trade-offs', pattern: /model/i },
    { checkpoint: 'loss', pattern: /\bloss\b/i },
    { checkpoint: 'training cadence', pattern: /retrain|training cadence|continual/i },
  ],
  5: [
    { checkpoint: 'A/B test', pattern: /A\/B test/ },
    { checkpoint: 'guardrail', pattern: /guardrail/i },
  ],
  6: [
    { checkpoint: 'batch vs online prediction', pattern: /batch/i },
    { checkpoint: 'serving path', pattern: /serving path|pipeline|path/i },
    { checkpoint: 'throughput and scaling', pattern: /scal|throughput|shard/i },
    { checkpoint: 'rollout', pattern: /shadow|canary/i },
  ],
  7: [
    { checkpoint: 'what is monitored', pattern: /monitor/i },
    { checkpoint: 'alerts', pattern: /alert|page/i },
    { checkpoint: 'retraining triggers', pattern: /retrain/i },
    { checkpoint: 'feedback loops', pattern: /feedback loop/i },
    { checkpoint: 'what goes wrong', pattern: /what goes wrong/i },
    { checkpoint: 'fallback', pattern: /fallback|degrad/i },
  ],
};

/**
 * The rec/search/ads case studies (and the generic template), whose model step must describe the
 * two-stage funnel: every case study but the two that classify one item at a time.
 */
const NOT_TWO_STAGE = ['street-view-blurring', 'harmful-content-detection'];
const TWO_STAGE = new Set(['generic', ...CASE_STUDIES.filter((id) => !NOT_TWO_STAGE.includes(id))]);

describe.each(manifest)('worked example $id', (entry) => {
  const source = readFileSync(join(templatesDir, entry.example), 'utf8');
  const { preamble, sections } = sectionsOf(source);
  const section = (number: number): string[] => sections[number - 1]?.lines ?? [];

  it('has front matter with a title, a one-line "Worked example" description and mlsd: true', () => {
    const frontMatter = frontMatterOf(source);
    expect(Object.keys(frontMatter ?? {}).sort()).toEqual(['description', 'mlsd', 'title']);
    expect(frontMatter?.mlsd).toBe(true);
    expect(String(frontMatter?.title)).toMatch(/\S/);
    expect(String(frontMatter?.description)).toMatch(/^Worked example/);
    expect(String(frontMatter?.description)).not.toMatch(/\n/);
    expect(preamble.some((line) => /^# \S/.test(line))).toBe(true);
    expect(preamble.some((line) => /^> \S/.test(line))).toBe(true);
  });

  it('has the seven step sections, in order, as its only ## headings', () => {
    expect(sections.map((s) => s.heading)).toEqual(STEP_HEADINGS);
  });

  it('answers every step: substantial prose, no placeholder, no unanswered question', () => {
    expect(source).not.toContain('{{');
    expect(source).not.toContain('}}');
    for (const [index, s] of sections.entries()) {
      expect(contentLines(s.lines).length, s.heading).toBeGreaterThanOrEqual(3);
      expect(proseLength(s.lines), s.heading).toBeGreaterThan(index === 1 ? 300 : 600);
      expect(s.lines.join('\n'), s.heading).not.toMatch(/\bTBD\b|\bTODO\b|lorem ipsum/i);
      const questions = contentLines(s.lines).filter((line) => /\?\)?\s*$/.test(line));
      expect(questions, s.heading).toEqual([]);
    }
  });

  it("covers the checkpoints of the reviewer's rubric in every step", () => {
    const missed: string[] = [];
    for (const [number, checkpoints] of Object.entries(RUBRIC)) {
      const text = section(Number(number)).join('\n');
      for (const { checkpoint, pattern } of checkpoints) if (!pattern.test(text)) missed.push(`step ${number}: ${checkpoint}`);
    }
    if (TWO_STAGE.has(entry.id) && !/two-stage|candidate generation|retriev|narrow|prune/i.test(section(4).join('\n'))) missed.push('step 4: two-stage funnel');
    expect(missed).toEqual([]);
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
    expect(serving.join('\n')).toMatch(/\bp9[59]\b[^\n]*(?:≤|<)\s*\d[\d,.]*\s*(?:ms|s|h)\b/);
  });

  it('has a mermaid architecture diagram', () => {
    const diagrams = [...source.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((match) => match[1] ?? '');
    expect(diagrams.length).toBeGreaterThanOrEqual(1);
    for (const diagram of diagrams) {
      expect(diagram).toMatch(/^(flowchart|graph) (LR|TD|TB)\n/);
      expect(diagram.split('\n').filter((line) => /-->|-\.->/.test(line)).length).toBeGreaterThanOrEqual(6);
    }
  });
});

describe('the generic worked example', () => {
  it('says which concrete system it designs', () => {
    const source = getExampleSource('generic');
    expect(frontMatterOf(source)?.description).toMatch(/generic template[^\n]*restaurant/i);
    expect(source).toMatch(/^# ML system design: restaurant ranking/m);
  });
});

describe('Street View blurring is a batch pipeline', () => {
  it('budgets throughput and freshness, with a per-image latency row', () => {
    const serving = sectionsOf(getExampleSource('street-view-blurring')).sections[5]?.lines.join('\n') ?? '';
    expect(serving).toMatch(/Throughput target/);
    expect(serving).toMatch(/freshness/i);
    expect(serving).toMatch(/^\| Per-image detection latency \(p99[^|]*\| \d+ ms \|/m);
    expect(serving).toMatch(/Batch prediction only/);
  });
});

describe('the reusable fragments (templates/fragments.md)', () => {
  it('marks the four reusable fragments and nothing else', () => {
    const source = getFragmentsSource();
    expect([...parseFragments(source).keys()].sort()).toEqual(['latency-budget-table', 'metric-gap', 'metrics-table', 'two-stage-diagram']);
    expect((source.match(/<!-- \/mlsd-snippet -->/g) ?? []).length).toBe(4);
  });

  it('draws two-stage candidate generation and ranking', () => {
    const diagram = getFragment('two-stage-diagram');
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
    const normalise = (line: string): string =>
      line
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, ' ')
        .trim();
    const corpusLines = new Set<string>();
    for (const file of readdirSync(corpusDir).filter((name) => name.endsWith('.md'))) {
      for (const line of readFileSync(join(corpusDir, file), 'utf8').split('\n')) {
        const normalised = normalise(line);
        if (normalised.length >= 40) corpusLines.add(normalised);
      }
    }
    const files = ['fragments.md', ...manifest.flatMap((entry) => [entry.file, entry.example])];
    const copied = files.flatMap((file) =>
      readFileSync(join(templatesDir, file), 'utf8')
        .split('\n')
        .filter((line) => corpusLines.has(normalise(line)))
        .map((line) => `${file}: ${line}`),
    );
    expect(copied).toEqual([]);
  });
});

describe('the engine on every template and worked example', () => {
  const engine = createEngine();
  const templates = new Map<string, LintResult>();
  const examples = new Map<string, LintResult>();

  beforeAll(async () => {
    for (const { id } of TEMPLATES) {
      templates.set(id, await engine.lint(getTemplateText(id)));
      examples.set(id, await engine.lint(getExampleText(id)));
    }
  });

  // A document fresh from a template holds only prompts, so its steps read thin; what it must
  // never do is lose one of the seven headings (the missing-step finding is for absent steps).
  it.each(TEMPLATES.map((template) => template.id))('%s template: no missing-step finding; no step missing', (id) => {
    const result = templates.get(id);
    expect(result).toBeDefined();
    const missing = result?.findings.filter((finding) => finding.ruleId === 'missing-step') ?? [];
    expect(missing.map((finding) => finding.message)).toEqual([]);
    for (const stepId of DEFAULT_STEP_IDS) expect(result?.coverage[stepId]?.status, `${id} ${stepId}`).not.toBe('missing');
  });

  it.each(TEMPLATES.map((template) => template.id))('%s example: every mermaid diagram parses', (id) => {
    const findings = examples.get(id)?.findings ?? [];
    const broken = findings.filter((finding) => finding.ruleId === 'mermaid-syntax');
    expect(broken.map((finding) => `line ${finding.range.start.line + 1}: ${finding.message}`)).toEqual([]);
    expect(examples.get(id)?.doc.mermaidBlocks.length).toBeGreaterThanOrEqual(1);
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
          const tabStop = /^\$\{(\d+):/.exec(body.slice(index));
          if (!tabStop || stop !== undefined) throw new Error(`unescaped $ at ${index}: ${JSON.stringify(body.slice(index, index + 20))}`);
          tabStops.push(Number(tabStop[1]));
          index += tabStop[0].length;
          out += readEscaped('}');
          index += 1; // the closing brace
        } else if (character === '}') {
          throw new Error(`unescaped } at ${index}: ${JSON.stringify(body.slice(Math.max(0, index - 20), index + 1))}`);
        } else {
          out += character;
          index += 1;
        }
      }
      if (stop !== undefined) throw new Error('unterminated tab stop');
      return out;
    };
    const text = readEscaped(undefined);
    return { text, tabStops };
  }

  // Expanded with default values, a tab stop becomes its bare label: the 'plain' rendering.
  // The static file holds the small fragments only; VS Code offers a static snippet anywhere.
  const expectedPlainText: Record<string, () => string> = {
    'mlsd-metrics-table': () => getFragment('metrics-table', 'plain'),
    'mlsd-metric-gap': () => getFragment('metric-gap', 'plain'),
    'mlsd-latency-budget': () => getFragment('latency-budget-table', 'plain'),
    'mlsd-two-stage-diagram': () => getFragment('two-stage-diagram', 'plain'),
  };

  it('holds each fragment and no whole-document or step skeleton (those fit only some places: completion offers them there)', () => {
    const prefixes = Object.values(snippets)
      .map((snippet) => snippet.prefix)
      .sort();
    expect(prefixes).toEqual(Object.keys(expectedPlainText).sort());
    expect(prefixes.filter((prefix) => prefix.startsWith('mlsd-doc'))).toEqual([]);
    expect(prefixes.filter((prefix) => DEFAULT_STEP_IDS.some((stepId) => prefix === `mlsd-${stepId}`))).toEqual([]);
    for (const snippet of Object.values(snippets)) {
      expect(Array.isArray(snippet.body)).toBe(true);
      expect(snippet.description.length).toBeGreaterThan(10);
    }
  });

  /** Expands a body and checks its tab stops: numbered 1..n in order, one per placeholder of the source. */
  function expectExpansion(body: string, plain: string, source?: string, needsTabStops = true): void {
    const { text, tabStops } = expand(body);
    expect(text).toBe(plain);
    expect(tabStops).toEqual(tabStops.map((_stop, index) => index + 1));
    if (source !== undefined) expect(tabStops.length).toBe(listPlaceholders(source).length);
    if (needsTabStops) expect(tabStops.length).toBeGreaterThan(0);
  }

  it.each(Object.keys(expectedPlainText))('%s expands to the template text, with a tab stop per placeholder', (prefix) => {
    const snippet = Object.values(snippets).find((candidate) => candidate.prefix === prefix);
    expect(snippet).toBeDefined();
    expectExpansion(snippet?.body.join('\n') ?? '', expectedPlainText[prefix]?.() ?? '', undefined, prefix !== 'mlsd-two-stage-diagram');
  });

  // What the language server's completion inserts in snippet form (test/lsp/editorUx.test.ts checks where).
  it.each(['generic', ...CASE_STUDIES])('the whole-document skeleton of %s in snippet form expands to the template text', (id) => {
    expectExpansion(getTemplateText(id, 'snippet'), getTemplateText(id, 'plain'), getTemplateSource(id));
  });

  it.each([...DEFAULT_STEP_IDS])('the %s step skeleton in snippet form expands to its section', (stepId) => {
    expectExpansion(getStepSkeleton(stepId, 'snippet').body, getStepSkeleton(stepId, 'plain').body);
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
