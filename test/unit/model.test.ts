// The design-doc model's memory: what a lint leaves behind in the engine's chunk cache.
import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { createEngine, defaultConfig } from '../../server/src/engine';
import { detachedCopy } from '../../server/src/engine/parse';
import { compactingCollection } from '../../server/src/lsp/heapReclaimer';

describe('detachedCopy', () => {
  it('keeps the characters', () => {
    for (const text of ['', 'a', 'a heading\n', 'x'.repeat(10_000)]) expect(detachedCopy(text)).toBe(text);
  });
});

describe('chunk cache and edited documents', () => {
  it('does not keep every edited version of a document alive', async () => {
    const collect = compactingCollection()!;
    const paragraph = 'The ranking model scores candidates from the retrieval stage under a strict latency budget. '.repeat(8);
    const sections = Array.from({ length: 120 }, (_, i) => `## Section ${i}\n\n${paragraph}\n`);
    const engine = createEngine({ rules: [] });
    await engine.lint(sections.join('\n'));
    collect();
    const before = process.memoryUsage().heapUsed;
    // 150 edits, each to a different section: 150 new cache entries. Were each to hold a view into
    // its ~90 KB version of the document (strings sliced from it), they would keep ~13 MB alive.
    for (let edit = 0; edit < 150; edit++) {
      const index = edit % sections.length;
      sections[index] = `## Section ${index}\n\nEdit ${edit}. ${paragraph}\n`;
      const text = sections.join('\n');
      expect(text.length).toBeGreaterThan(90_000);
      await engine.lint(text);
    }
    collect();
    const grown = process.memoryUsage().heapUsed - before;
    expect(grown).toBeLessThan(4 * 1024 * 1024);
  });
});

describe('content blocks', () => {
  it('share one hidden class, so a retained model costs only its fields', () => {
    // V8's own test intrinsic: are two objects laid out by the same map (hidden class)?
    setFlagsFromString('--allow-natives-syntax');
    const haveSameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: object, b: object) => boolean;
    setFlagsFromString('--no-allow-natives-syntax');
    const text = ['# Feed ranking', '', '## Requirements', '', 'Rank posts.', '', '- 200M users', '- **Privacy**: none leaves', '', '**Not a step**', '', '| a | b |', '| - | - |', '| 1 | 2 |', ''].join('\n');
    const doc = createEngine().parse(text.repeat(20), defaultConfig());
    expect(doc.blocks.length).toBeGreaterThan(100);
    expect(new Set(doc.blocks.map((block) => block.kind))).toEqual(new Set(['paragraph', 'list-item', 'table-row']));
    const different = doc.blocks.filter((block) => !haveSameMap(block, doc.blocks[0]!));
    expect(different).toEqual([]);
  });
});
