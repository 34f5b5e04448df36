// A chunk is parsed with only the GFM constructs whose syntax it contains (none, mostly), because GFM is
// two to three times slower. That is only sound if the chunk gives exactly what all of GFM gives: these
// tests compare micromark's events for the two, and the chunk's summary with the one built from the mdast
// tree of all of GFM (test/helpers/mdastSummary.ts), on every Markdown file in the repository, the
// labelled corpus when it is there, and random Markdown-like text.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { parse, postprocess, preprocess } from 'micromark';
import { gfm as gfmSyntax } from 'micromark-extension-gfm';
import { frontmatter } from 'micromark-extension-frontmatter';
import type { Event } from 'micromark-util-types';
import { ChunkCache, chunkEvents, gfmFeatureNames, gfmFeaturesOf, parseLimitsHit, splitChunks, summarise } from '../../server/src/engine/parse';
import { mdastSummary } from '../helpers/mdastSummary';
import { markdownFiles, repoMarkdown, repoRoot } from '../helpers/markdownFiles';
import { generateDesignDoc } from '../../scripts/bench';

const gfm = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']);
const commonmark = unified().use(remarkParse).use(remarkFrontmatter, ['yaml', 'toml']);
const tree = (processor: typeof gfm, text: string) => JSON.stringify(processor.parse(text));

/** Each event as `enter type start-end`, to compare two parses. */
const trace = (events: readonly Event[]) => events.map(([kind, token]) => `${kind} ${token.type} ${token.start.offset}-${token.end.offset}`).join('\n');
/** micromark's events with all of GFM (what remark-gfm adds), within the same limits as the engine. */
function fullGfmEvents(text: string): Event[] {
  const disabled = parseLimitsHit(text).flatMap((hit) => hit.constructs);
  const extensions = [gfmSyntax(), frontmatter(['yaml', 'toml']), ...(disabled.length ? [{ disable: { null: disabled } }] : [])];
  return postprocess(
    parse({ extensions })
      .document()
      .write(preprocess()(text, undefined, true)),
  );
}
/**
 * The chunk read as the engine reads it, against micromark with all of GFM and against the mdast
 * reference. False when the reference has no answer: on a few random texts (a task-list box on a
 * lazy line after an empty nested item) mdast-util-gfm-task-list-item's own assertion fails.
 */
function expectSameAsGfm(text: string): boolean {
  const events = chunkEvents(text);
  expect(trace(events), JSON.stringify(text)).toBe(trace(fullGfmEvents(text)));
  let reference;
  try {
    reference = mdastSummary(text);
  } catch (error) {
    if ((error as Error).stack?.includes('exitCheck')) return false;
    throw error;
  }
  expect(summarise(events), JSON.stringify(text)).toEqual(reference);
  return true;
}
const corpusDir = join(__dirname, '../../../shared/corpus/dev');
const corpusDocs = existsSync(corpusDir) ? markdownFiles(corpusDir) : [];

const root = repoRoot;
const repoDocs = repoMarkdown();

function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

// Pieces of Markdown syntax. GFM's own constructs are drawn rarely, so that most texts take the plain
// branch; near misses ('@', 'www', '[', '^', 'http') are common and can combine into real triggers.
const PIECES = [
  '# ',
  '## ',
  '\n',
  '\n\n',
  '- ',
  '1. ',
  '> ',
  '    ',
  '```',
  '*',
  '**',
  '_',
  '`',
  '[',
  ']',
  '(',
  ')',
  '!',
  '<',
  '>',
  '<!--',
  '-->',
  '---',
  ':',
  '-',
  '^',
  '@',
  'x@y',
  'NDCG@10',
  'www',
  '.',
  'http',
  '://',
  'word',
  'Model',
  'latency',
  '200',
  'ms',
  ' ',
  '\t',
  '\\',
  '&amp;',
  '"',
  "'",
  '![',
  '[r]: /u',
  '[r]',
  '  \n',
  '\\\n',
  '===',
  '~~~',
  '<b>',
];
const GFM_PIECES = ['`a\\|b`', '<http://a.b>', '&#35;', '&#46;', '|', '~', '~~', '[^1]', '[ ]', '[x]', 'a@b.c', 'www.example.com', 'https://x.y', '| --- |', ':--', '--:'];

function randomMarkdown(random: () => number): string {
  let out = '';
  const length = 5 + Math.floor(random() * 40);
  for (let i = 0; i < length; i++) {
    const pieces = random() < 0.02 ? GFM_PIECES : PIECES;
    out += pieces[Math.floor(random() * pieces.length)];
  }
  return out;
}

describe('chunkEvents and summarise: GFM only where it can matter, read as mdast would', () => {
  it('finds every GFM construct', () => {
    for (const text of [
      '| a | b |\n|---|---|\n| 1 | 2 |',
      'a\n:--',
      'a\n--:',
      'a ~~gone~~ b',
      'a ~gone~ b',
      'see [^1]\n\n[^1]: note',
      '- [ ] todo',
      '- [x] done',
      '* [X] done',
      'www.example.com',
      'HTTPS://example.com',
      'http://x.y',
      'mail me@example.com',
      'mailto:me@example.com',
      'www\\.example.com',
      'www&#46;example.com',
      'me&#64;example.com',
    ]) {
      expect(gfmFeaturesOf(text), text).not.toBe(0);
      expect(tree(commonmark, text), text).not.toBe(tree(gfm, text));
    }
  });

  it('parses with just the constructs a text may use', () => {
    const cases: [string, string[]][] = [
      ['| a | b |\n|---|---|', ['table']],
      ['a ~~gone~~ b', ['strikethrough']],
      ['see [^1]\n\n[^1]: note', ['footnote']],
      ['- [ ] todo', ['task list item']],
      ['www.example.com', ['autolink literal']],
      ['| ~~a~~ | www.x.y |\n| - | - |', ['autolink literal', 'strikethrough', 'table']],
      ['Recall@100 and NDCG@10.', []],
    ];
    for (const [text, names] of cases) {
      expect(gfmFeatureNames(gfmFeaturesOf(text)), text).toEqual(names);
      expectSameAsGfm(text);
    }
  });

  // Constructs whose mdast form the summary reader must reproduce from the events: each case is read
  // both ways and the two summaries compared.
  it.each([
    ['an image reference has no text, an image its alt', '![alt *x*][r] and ![a `c` <b>h</b>](u)\n\n[r]: /u'],
    ['a link reference keeps its text', '1. [Model card][mc]\n\n[mc]: ./card.md'],
    ['an undefined reference is plain text', '1. [Model card][nowhere]'],
    ['a hard break is a space, its line ending is not text', 'first\\\nsecond  \nthird'],
    ['character references and escapes are decoded', '# Caf&eacute; &#35;1 \\*not emphasis\\*'],
    ['a code span in a table cell turns \\| into |', '| a | `x \\| y` |\n| - | - |\n| `p\\|q` | b |'],
    ['a setext heading over two lines', 'Model\nchoice\n====='],
    ['inline HTML is a comment item before the paragraph', 'Text <!-- note --> and <b>bold</b>.'],
    ['an HTML block, a comment and a tag', '<!-- hidden\nnote -->\n\n<div>\nShown text\n</div>'],
    ['autolinks and literal autolinks are links', '1. <https://x.y>\n2. see www.example.com\n3. me@example.com'],
    ['an escaped URL is linked by the tree pass', '1. www\\.example.com\n2. me&#64;example.com\n3. Plain title'],
    ['task-list boxes, ticked and not', '- [x] **Done**: shipped\n- [ ] todo item\n  more\n- [X]\n  next line'],
    ['a bold lead with a remainder', '1. **Monitoring**: drift and alerts\n2. **Why?**'],
    ['a footnote call and definition', 'Claim[^1] here.\n\n[^1]: Source.'],
    ['fenced code with an escaped info string, indented code', '```Mer\\maid extra\ngraph\n```\n\n    indented\n    code\n'],
    ['strikethrough and nested emphasis', '**_Latency_ ~~budget~~**\n\n*a **b** c*'],
    ['lists in quotes in lists', '> - **Data**: logs\n>   > 1. Title\n\n- > quoted first\n  para'],
    ['front matter is skipped', '---\nmlsd: true\n---\n# Title'],
  ])('reads %s as mdast would', (_why, text) => {
    expectSameAsGfm(text);
  });

  it('keeps plain CommonMark for text without GFM syntax, such as metric names with an @', () => {
    for (const text of ['Recall@100 and NDCG@10.', '# Evaluation\n\nA [link](./x.md) and `code`.', '- [link] item', 'user@host']) {
      expect(gfmFeaturesOf(text), text).toBe(0);
    }
  });

  it.each(repoDocs.map((path) => [path.slice(root.length + 1), path]))('reads every chunk of %s as all of GFM and mdast would', (_name, path) => {
    for (const chunk of splitChunks(readFileSync(path, 'utf8'))) expectSameAsGfm(chunk.text);
  });

  // The labelled corpus is outside the repository (../shared/corpus/dev); where it is present, its docs are checked too.
  it.skipIf(!corpusDocs.length)('reads every chunk of the labelled corpus as all of GFM and mdast would', () => {
    for (const path of corpusDocs) for (const chunk of splitChunks(readFileSync(path, 'utf8'))) expectSameAsGfm(chunk.text);
  });

  it('reuses micromark parsers without carrying anything from one chunk to the next', () => {
    // Each pair is parsed with the same constructs, so the second reuses the first's parser.
    const pairs: [string, string][] = [
      ['[ref]: /docs/page\n\ntext', 'see [ref] here'],
      ['[^1]: a note\n\nsee [^1]', 'and [^1] again'],
      ['> quote\nlazy line\n\n> more', '> quote\n---\n\nplain'],
      ['- [ ] box\n  lazy\n[x]: /u', '[x] and [x][] here'],
    ];
    for (const [first, second] of pairs) {
      expect(gfmFeaturesOf(first), first).toBe(gfmFeaturesOf(second));
      chunkEvents(first);
      expect(trace(chunkEvents(second)), second).toBe(trace(fullGfmEvents(second)));
      expect(trace(chunkEvents(first)), first).toBe(trace(fullGfmEvents(first)));
    }
  });

  it('reads every chunk of a generated 2,000-line design doc as all of GFM and mdast would', () => {
    const chunks = splitChunks(generateDesignDoc(2000));
    expect(chunks.filter((chunk) => gfmFeaturesOf(chunk.text) === 0).length).toBeGreaterThan(chunks.length / 2);
    for (const chunk of chunks) expectSameAsGfm(chunk.text);
  });

  // MLSD_PARSE_FUZZ_RUNS=100000 for a longer search after changing which constructs a chunk is parsed with.
  const fuzzRuns = Number(process.env.MLSD_PARSE_FUZZ_RUNS ?? 3000);
  it(
    'reads random Markdown-like texts as all of GFM and mdast would',
    () => {
      const random = seededRandom(7);
      let plain = 0;
      let severalFeatures = 0;
      let undefinedInMdast = 0;
      for (let i = 0; i < fuzzRuns; i++) {
        const text = randomMarkdown(random);
        const features = gfmFeatureNames(gfmFeaturesOf(text)).length;
        if (features === 0) plain++;
        if (features >= 2) severalFeatures++;
        if (!expectSameAsGfm(text)) undefinedInMdast++;
      }
      // The generator must exercise plain CommonMark, one construct and several together, or this test would prove little.
      expect(plain).toBeGreaterThan(fuzzRuns / 5);
      expect(plain).toBeLessThan(fuzzRuns * 0.95);
      expect(severalFeatures).toBeGreaterThan(fuzzRuns / 20);
      expect(undefinedInMdast).toBeLessThan(Math.max(2, fuzzRuns / 1000));
    },
    30_000 + fuzzRuns,
  );
});

describe('parse limits: input that would make micromark take minutes', () => {
  const nestedList = (depth: number) => Array.from({ length: depth }, (_, i) => `${' '.repeat(i * 2)}- level ${i}`).join('\n');
  const cases: [string, string, RegExp][] = [
    ['a list nested 2,000 levels deep', nestedList(2000), /lists and quotes were read as plain paragraphs/],
    ['50,000 nested quote markers', `${'>'.repeat(50_000)} deep\n`, /100 quote levels/],
    ['20,000 emphasis delimiters in one paragraph', '*a'.repeat(20_000), /emphasis was not parsed/],
    ['6,000 strikethrough delimiters in one paragraph', '~a'.repeat(6_000), /strikethrough was not parsed/],
    ['6,000 unclosed links in one paragraph', '[a]('.repeat(6_000), /links were read as plain text/],
    // Past 20,000 marks of any kind, no inline construct is parsed.
    ['20,000 strikethrough delimiters in one paragraph', '~~a'.repeat(20_000), /strikethrough, links and code spans were read as plain text/],
    ['40,000 unclosed links in one paragraph', '[a]('.repeat(40_000), /links and code spans were read as plain text/],
    ['a table of 100,000 cells', `|${'a|'.repeat(2000)}\n|${'-|'.repeat(2000)}\n${`|${'b|'.repeat(2000)}\n`.repeat(50)}`, /tables were read as plain paragraphs/],
  ];

  // Without the limits each of these takes from 5 s to over a minute; the timeout catches a hang, it does not measure speed.
  it.each(cases)(
    'reads %s as plain text, and says why',
    (_name, text, reason) => {
      const hits = parseLimitsHit(text);
      expect(hits.map((hit) => hit.reason).join('; ')).toMatch(reason);
      const summary = new ChunkCache().summary(`# Section\n\n${text}`);
      expect(summary.parseLimits?.join('; ')).toMatch(reason);
      expect(summary.items[0]).toMatchObject({ kind: 'heading', title: 'Section' });
      expect(summary.items.some((item) => item.kind === 'content' && item.text.length > 0)).toBe(true);
    },
    20_000,
  );

  it('leaves real documents alone: deep but sane nesting, long tables, emphasis-heavy prose', () => {
    expect(parseLimitsHit(nestedList(40))).toEqual([]);
    expect(parseLimitsHit(`${'> '.repeat(20)}quoted\n`)).toEqual([]);
    expect(parseLimitsHit(`| a | b |\n|---|---|\n${'| **x** | _y_ |\n'.repeat(2000)}`)).toEqual([]);
    expect(parseLimitsHit('Some **bold** and _italic_ words.\n\n'.repeat(3000))).toEqual([]);
    for (const path of repoDocs) expect(parseLimitsHit(readFileSync(path, 'utf8')), path).toEqual([]);
  });
});

describe('splitChunks: chunks parse as they do in the whole document', () => {
  // Lines that make or break the cuts after setext headings and thematic breaks and before list items.
  // HTML blocks are left out: the cheap look at lines approximates them (condition 7 above all), as it
  // always has for the cuts at ATX headings; so are link reference definitions, which do not reach
  // across chunks.
  const LINES = [
    'Title',
    'Some prose.',
    '---',
    '===',
    '--',
    '-',
    '- item',
    '* item',
    '+ item',
    '1. step',
    '2. step',
    '10) step',
    '',
    '',
    '> quote',
    '> - quoted item',
    '> ---',
    '```',
    '~~~',
    '  indented',
    '    code',
    '| a | b |',
    '| - | - |',
    '<!--',
    '-->',
    '***',
    '* * *',
    '- - -',
    '___',
    '  - nested',
    '+++',
  ];

  const summaryOf = (text: string, chunks: { startLine: number; text: string }[]) =>
    chunks.flatMap((chunk) =>
      new ChunkCache().summary(chunk.text).items.map((item) => ({
        ...item,
        line: item.line + chunk.startLine,
        ...('endLine' in item ? { endLine: item.endLine + chunk.startLine } : {}),
        ...('codeStartLine' in item && item.codeStartLine !== undefined ? { codeStartLine: item.codeStartLine + chunk.startLine } : {}),
      })),
    );

  it('gives the items of a one-chunk parse on random documents built from the lines that decide the cuts', () => {
    const random = seededRandom(11);
    let cutDocs = 0;
    for (let run = 0; run < 400; run++) {
      const lines = Array.from({ length: 20 + Math.floor(random() * 120) }, () => LINES[Math.floor(random() * LINES.length)]!);
      // One ATX heading, at the top: the old cuts give one chunk, so only the new cuts are under test.
      const text = `# Doc\n${lines.join(['\n', '\n', '\n', '\r\n', '\r'][Math.floor(random() * 5)]!)}\n`;
      const chunks = splitChunks(text);
      if (chunks.length > 2) cutDocs++;
      expect(JSON.stringify(summaryOf(text, chunks)), JSON.stringify(text)).toBe(JSON.stringify(summaryOf(text, [{ startLine: 0, text }])));
    }
    expect(cutDocs).toBeGreaterThan(100);
  });
});
