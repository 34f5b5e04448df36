// Markdown shaped to make the parser slow or overflow its stack (issue 11, items 3 and 7). The
// timings are generous bounds: they fail on the quadratic paths (tens of seconds, or a stack
// overflow) and pass on a loaded machine.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../server/src/engine';
import { parseLimitsHit, splitChunks } from '../../server/src/engine/parse';

/**
 * Before the chunking fix 12,000 setext headings took ~50 s in the server and 33 s in the CLI; now
 * they take about as long as 12,000 ATX headings (2 s unloaded, mostly the rules). Each bound is
 * relative to the same document with ATX headings, linted in the same test, so a loaded machine
 * slows both alike.
 */
async function timedLint(text: string) {
  const started = performance.now();
  const result = await createEngine().lint(text);
  return { result, ms: performance.now() - started };
}

async function baseline(text: string): Promise<number> {
  await createEngine().lint(text); // warms up the parser and the rules
  return (await timedLint(text)).ms;
}
const atxBaseline = (text: string) => baseline(text.replace(/^(> )?([^\r\n]*)(\r\n|\r|\n)(> )?(?:---|===)(?=\r\n|\r|\n)/gm, '$1## $2'));
const bound = (atxMs: number) => Math.max(5000, 3 * atxMs);

describe('setext headings (micromark copies every event of the chunk per setext heading)', () => {
  it.each([
    ['---', (i: number) => `Title ${i}\n---\n`],
    ['===', (i: number) => `Title ${i}\n===\n`],
    ['--- after prose', (i: number) => `Title ${i}\n---\nSome prose about the design.\n\n`],
    ['lone CR', (i: number) => `Title ${i}\r---\r`],
  ])(
    '12,000 setext headings (%s) lint in bounded time, every one found',
    async (_name, heading) => {
      const text = Array.from({ length: 12_000 }, (_, i) => heading(i)).join('');
      const atxMs = await atxBaseline(text);
      const { result, ms } = await timedLint(text);
      expect(result.doc.sections.filter((s) => s.style === 'setext')).toHaveLength(12_000);
      expect(result.doc.sections[11_999]!.headingRange.start.line).toBe(text.split(/\r\n|\r|\n/).findIndex((line) => line === 'Title 11999'));
      expect(result.findings.filter((f) => f.ruleId === 'parse-limit')).toEqual([]);
      expect(ms).toBeLessThan(bound(atxMs));
    },
    180_000,
  );

  it('12,000 setext headings inside one block quote lint in bounded time, and the writer is told', async () => {
    const text = '# Notes\n\n' + Array.from({ length: 12_000 }, (_, i) => `> Title ${i}\n> ---\n`).join('');
    const atxMs = await atxBaseline(text);
    const { result, ms } = await timedLint(text);
    expect(result.findings.find((f) => f.ruleId === 'parse-limit')?.detail).toMatch(/setext/);
    expect(ms).toBeLessThan(bound(atxMs));
  }, 180_000);

  it('cuts chunks after setext headings and thematic breaks, not inside fences, and never so that a chunk starts with ---', () => {
    const text = ['Title', '=====', 'body', '', 'Next', '---', '```', 'Code', '---', 'more', '```', '***', 'after', '---', '---', 'x'].join('\n');
    const chunks = splitChunks(text);
    expect(chunks.map((c) => c.startLine)).toEqual([0, 2, 6, 12, 13, 15]);
    expect(chunks.map((c) => c.text).join('')).toBe(text);
    // Front matter is only read at the start of a text: this chunk starts with the end of line 13.
    expect(chunks[4]!.text).toBe('\n---\n');
  });

  it('lints a megabyte of --- lines (one chunk, and front matter to remark, before) in bounded time', async () => {
    const text = '# Rules\n\n' + '---\n'.repeat(250_000);
    expect(splitChunks(text).length).toBeGreaterThan(1000);
    const { result, ms } = await timedLint(text);
    expect(result.doc.lineCount).toBe(250_003);
    expect(ms).toBeLessThan(5000);
  });

  it('does not cut after a lazy === line or a table row', () => {
    expect(splitChunks('- item\nlazy\n===\nmore\n')).toHaveLength(1);
    expect(splitChunks('> quote\nlazy\n===\nmore\n')).toHaveLength(1);
    expect(splitChunks('| a |\n| - |\n| b |\n---\nrow?\n')).toHaveLength(1);
  });
});

describe('long lists are cut into chunks at items at column 0', () => {
  it('cuts a long list so that an edit re-parses one piece of it', () => {
    const text = '# List\n\n' + Array.from({ length: 2_000 }, (_, i) => `- item ${i}\n\n  more about it\n`).join('');
    const chunks = splitChunks(text);
    expect(chunks.length).toBeGreaterThan(100);
    expect(chunks.slice(1).every((chunk) => chunk.text.startsWith('- item'))).toBe(true);
  });

  it('keeps a list whole when a fence or a lazy line makes the cut unsafe', () => {
    const fenced = '- a\n  ```\n' + '- not an item\n'.repeat(60) + '  ```\n';
    expect(splitChunks(fenced)).toHaveLength(1);
    const lazyOrdered = 'Paragraph\n' + 'text\n'.repeat(60) + '2. not a list item: a paragraph continues\n';
    expect(splitChunks(lazyOrdered)).toHaveLength(1);
  });
});

describe('nesting on one line (the stack overflows in micromark without a limit)', () => {
  it.each([
    ['- ', '- '.repeat(2000) + 'x'],
    ['> - ', '> - '.repeat(2000) + 'x'],
    ['1. ', '1. '.repeat(2000) + 'x'],
    ['* > ', '* > '.repeat(2000) + 'x'],
  ])('"%s" 2,000 times is read as text, with a parse-limit finding', async (_name, line) => {
    expect(
      parseLimitsHit(line)
        .map((hit) => hit.reason)
        .join(),
    ).toMatch(/lists and quotes were read as plain paragraphs/);
    const { result } = await timedLint(`# Design\n\n${line}\n`);
    expect(result.findings.find((f) => f.ruleId === 'parse-limit')?.detail).toMatch(/nested more than/i);
    expect(result.doc.sections[0]?.title).toBe('Design');
  });

  it('reads 2,000 nested images (9 s in micromark) as text, and says why', async () => {
    const text = '# Design\n\n' + '!['.repeat(2000) + 'x' + '](u)'.repeat(2000) + '\n';
    const { result, ms } = await timedLint(text);
    expect(result.findings.find((f) => f.ruleId === 'parse-limit')?.detail).toMatch(/\[ open at once/);
    expect(ms).toBeLessThan(5000);
    // A paragraph of many closed links is left alone.
    expect(parseLimitsHit('[a](u) '.repeat(3000))).toEqual([]);
  }, 60_000);

  it('leaves sane one-line nesting alone', () => {
    expect(parseLimitsHit('- - - x\n> 1. > - quoted list\n* * *\n')).toEqual([]);
  });

  it('reads a megabyte paragraph dense with inline marks (30 s in micromark) as text, and says why', () => {
    const dense = '*a* _b_ **c** `d` [e](f) '.repeat(40_000);
    expect(
      parseLimitsHit(dense)
        .map((hit) => hit.reason)
        .join(),
    ).toMatch(/emphasis, strikethrough, links and code spans were read as plain text/);
    // Real paragraphs, and a long table (each row a passage of its own), are left alone.
    expect(parseLimitsHit('A **bold** `code` [link](u) & more.\n'.repeat(300))).toEqual([]);
    expect(parseLimitsHit('| `a` | **b** |\n'.repeat(6_000))).toEqual([]);
  });
});

describe('a megabyte of any shape', () => {
  const MB = 1_000_000;
  const fill = (unit: string) => unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);
  it.each([
    ['one paragraph', fill('the model ranks candidates by predicted watch time and we log impressions ')],
    ['one paragraph of inline marks', fill('*a* _b_ **c** `d` [e](f) <span>x</span> &amp; \\* ')],
    ['one block quote', fill('> the model ranks candidates by predicted watch time and we log impressions\n')],
    ['a list in a block quote', fill('> - item with text about serving latency p99\n')],
    ['a list', fill('- the model ranks candidates by predicted watch time\n')],
    ['a table', `| a | b |\n|---|---|\n${fill('| the model ranks | candidates by watch time |\n')}`],
    ['one fence', `\`\`\`\n${fill('code line x = y + z\n')}`],
    ['small fences, no heading (one chunk)', fill('```py\nx = 1\n```\n')],
    ['headings', fill('## Model\n\nThe baseline is logistic regression.\n\n')],
    ['an HTML block', `<div>\n${fill('<span>text</span>\n')}`],
    ['one line of CJK', fill('模型根据预测观看时间对候选进行排序。')],
  ])(
    '%s lints in bounded time',
    async (_name, text) => {
      // Relative to plain lines of prose linted in the same test, so a loaded machine slows both alike.
      const plainMs = await baseline(fill('the model ranks candidates by predicted watch time\n\n'));
      const { ms } = await timedLint(text);
      expect(ms).toBeLessThan(Math.max(8000, 6 * plainMs));
    },
    120_000,
  );
});
