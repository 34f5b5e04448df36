// The engine reuses micromark parsers across chunks (server/src/engine/micromarkParser.ts). These
// tests prove the redirect is in place and that no state of one document leaks into the next.
import { afterEach, describe, expect, it } from 'vitest';
import { micromarkParserReuse } from '../../server/src/engine/micromarkParser';
import { parseChunk, splitChunks } from '../../server/src/engine/parse';
import { generateDesignDoc } from '../../scripts/bench';

const treeOf = (text: string) => JSON.stringify(parseChunk(text));

/** Each text's tree with a fresh parser per document: micromark's own behaviour. */
function referenceTrees(texts: string[]): string[] {
  micromarkParserReuse.setEnabled(false);
  try {
    return texts.map(treeOf);
  } finally {
    micromarkParserReuse.setEnabled(true);
  }
}

afterEach(() => micromarkParserReuse.setEnabled(true));

describe('micromark parser reuse', () => {
  it('is in place: parsing chunks reuses a parser', () => {
    const before = micromarkParserReuse.count();
    treeOf('# One\n\nText.\n');
    treeOf('# Two\n\nMore text.\n');
    expect(micromarkParserReuse.count()).toBeGreaterThan(before);
  });

  it('forgets what one document defined before parsing the next', () => {
    // Each text is parsed right after texts that define, or would make lazy, what it uses.
    const texts = [
      '[x]: https://example.com/defined\n\n[^1]: a footnote | cell\n\n> quote\nlazy line\n',
      'Uses [x] and [^1] | x\n',
      '[^1]: defined ~here~\n\n[y]: /u\n',
      'See [^1], [y] and ~this~.\n',
      '> quote\n    not code: a lazy line\n',
      '    indented code, not lazy\n',
      '- [ ] task [x]\n\n[x]: /again\n',
      '[x] | [^1]\n--- | ---\nrow | www.example.com\n',
      // Line 2 is lazy in the first (the list item's paragraph continues lazily); not in the second.
      '</div>\n1. x\n===\ntext\n',
      '```\nlazy\n</div>\n',
    ];
    const reused = texts.map(treeOf);
    expect(reused).toEqual(referenceTrees(texts));
    // The reference itself shows the leak this guards against: [x] stays text without its definition.
    expect(reused[1]).not.toContain('"type":"linkReference"');
    expect(reused[0]).toContain('"type":"definition"');
  });

  it('gives the same trees as fresh parsers on random pairs of block-structured texts', () => {
    const lines = ['> q', 'lazy', '    code', '```', '- item', '  cont', '===', '---', '<div>', '</div>', 'text', '', '1. x', '> > deep', '   x', '| a |', '[^1]: n', '[x]: /u', 'see [x] [^1]'];
    let state = 5;
    const random = () => (state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32;
    const text = () => `${Array.from({ length: 2 + Math.floor(random() * 8) }, () => lines[Math.floor(random() * lines.length)]).join('\n')}\n`;
    const texts = Array.from({ length: 3000 }, text);
    expect(texts.map(treeOf)).toEqual(referenceTrees(texts));
  });

  it('gives the same trees as fresh parsers for every chunk of a generated doc, in order', () => {
    const texts = splitChunks(generateDesignDoc(1500)).map((chunk) => chunk.text);
    expect(texts.map(treeOf)).toEqual(referenceTrees(texts));
  });
});
