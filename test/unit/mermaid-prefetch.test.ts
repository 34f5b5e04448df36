// The command line's mermaid prefetch (server/src/cli/mermaid-prefetch.ts): the main thread asks for the
// top-level diagrams of the next files while a lint worker checks the current one. A source it reads
// differently from the engine would be parsed for nothing, so the reading is checked against the
// engine's on every Markdown file in the repository.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MermaidPrefetcher, PREFETCH_FILES_AHEAD, PREFETCH_MAX_DIAGRAMS, topLevelMermaidSources } from '../../server/src/cli/mermaid-prefetch';
import { clearMermaidValidationCache, setMermaidValidator } from '../../server/src/engine/mermaid/validate';
import { ChunkCache, splitChunks } from '../../server/src/engine/parse';
import { generateDesignDoc } from '../../scripts/bench';
import { repoMarkdown, repoRoot } from '../helpers/markdownFiles';

/** The engine's mermaid passages of a document. */
function engineDiagrams(text: string): string[] {
  const cache = new ChunkCache();
  return splitChunks(text).flatMap((chunk) => cache.summary(chunk.text).items.flatMap((item) => (item.kind === 'content' && item.passageKind === 'mermaid' ? [item.text] : [])));
}

describe('topLevelMermaidSources', () => {
  it.each([
    ['a diagram at the top level', '# A\n\n```mermaid\ngraph LR\n  A --> B\n```\n', ['graph LR\n  A --> B']],
    ['CRLF line endings are kept inside the source', '```mermaid\r\ngraph LR\r\n  A --> B\r\n```\r\n', ['graph LR\r\n  A --> B']],
    ['a tilde fence, an info string after the language, a longer closing fence', '~~~ Mermaid title\nflowchart TD\n~~~~\n', ['flowchart TD']],
    ['other code blocks, and a mermaid fence inside one, are not diagrams', '````md\n```mermaid\ngraph LR\n```\n````\n\n```python\nx = 1\n```\n', []],
    ['an indented fence (in a list) is left to the engine', '- item\n\n  ```mermaid\n  graph LR\n  ```\n', []],
    ['an unclosed fence is left to the engine', '```mermaid\ngraph LR\n', []],
    ['an empty diagram is not asked for', '```mermaid\n```\n', []],
    ['front matter is skipped', '---\ntitle: x\n---\n```mermaid\ngraph LR\n```\n', ['graph LR']],
    ['a backtick fence whose info string has a backtick is not a fence', '```mermaid `x`\ngraph LR\n```\n', []],
  ])('%s', (_why, text, expected) => {
    expect(topLevelMermaidSources(text)).toEqual(expected);
  });

  it(`takes at most ${PREFETCH_MAX_DIAGRAMS} diagrams from a file`, () => {
    const text = Array.from({ length: 20 }, (_, i) => `\`\`\`mermaid\ngraph LR\n  A${i} --> B\n\`\`\`\n`).join('\n');
    expect(topLevelMermaidSources(text)).toHaveLength(PREFETCH_MAX_DIAGRAMS);
  });

  it.each(repoMarkdown().map((path) => [path.slice(repoRoot.length + 1), path]))('reads only diagrams the engine reads the same way in %s', (_name, path) => {
    const text = readFileSync(path, 'utf8');
    const engine = engineDiagrams(text);
    for (const source of topLevelMermaidSources(text, Infinity)) expect(engine).toContain(source);
  });

  it('finds every diagram of a generated design doc', () => {
    const text = generateDesignDoc(3000, 42, { diagramEvery: 1 });
    const engine = engineDiagrams(text);
    expect(engine.length).toBeGreaterThan(10);
    expect(topLevelMermaidSources(text, Infinity)).toEqual(engine);
  });
});

describe('MermaidPrefetcher', () => {
  let folder: string | undefined;
  afterEach(() => {
    setMermaidValidator(undefined);
    clearMermaidValidationCache();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it(`waits for a worker's first diagram, then asks for the diagrams of the ${PREFETCH_FILES_AHEAD} files after the one handed out, each file once`, () => {
    folder = mkdtempSync(join(tmpdir(), 'mlsd-prefetch-'));
    const paths = Array.from({ length: 5 }, (_, i) => {
      const path = join(folder!, `doc-${i}.md`);
      writeFileSync(path, `# Doc ${i}\n\n\`\`\`mermaid\ngraph LR\n  D${i} --> X\n\`\`\`\n`);
      return path;
    });
    const asked: string[] = [];
    setMermaidValidator(async (source) => {
      asked.push(source);
      return { ok: true };
    });
    let wanted = false;
    const prefetcher = new MermaidPrefetcher([...paths, join(folder, 'missing.md')], () => wanted);
    // Until a worker has asked for a diagram (mermaid-syntax may be off), nothing is read.
    prefetcher.started(0);
    expect(asked).toEqual([]);
    wanted = true;
    prefetcher.started(0);
    expect(asked).toEqual(['graph LR\n  D1 --> X', 'graph LR\n  D2 --> X']);
    prefetcher.started(1);
    prefetcher.started(1);
    expect(asked).toEqual(['graph LR\n  D1 --> X', 'graph LR\n  D2 --> X', 'graph LR\n  D3 --> X']);
    // The last files: one more diagram, and a file that cannot be read is skipped.
    prefetcher.started(3);
    expect(asked.slice(3)).toEqual(['graph LR\n  D4 --> X']);
  });
});
