// The chunk cache's memory under editing: a lint must not leave every edited version of a document
// alive. Heap sizes are only meaningful right after a full collection, which needs `node --expose-gc`,
// so the scenario runs in a Node of its own, bundled as scripts/build.mjs bundles the engine.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleForNode } from '../helpers/nodeBundle';

const repoRoot = resolve(__dirname, '..', '..');

describe('chunk cache and edited documents', () => {
  it('does not keep every edited version of a document alive', async () => {
    const scenario = `
      import { createEngine } from './server/src/engine';
      const gc = (globalThis as { gc?: () => void }).gc!;
      void (async () => {
        const paragraph = 'The ranking model scores candidates from the retrieval stage under a strict latency budget. '.repeat(8);
        const sections = Array.from({ length: 120 }, (_, i) => '## Section ' + i + '\\n\\n' + paragraph + '\\n');
        const engine = createEngine({ rules: [] });
        await engine.lint(sections.join('\\n'));
        gc();
        const before = process.memoryUsage().heapUsed;
        // 150 edits, each to a different section: 150 new cache entries. Were each to hold a view into
        // its ~90 KB version of the document (strings sliced from it), they would keep ~13 MB alive.
        for (let edit = 0; edit < 150; edit++) {
          const index = edit % sections.length;
          sections[index] = '## Section ' + index + '\\n\\nEdit ' + edit + '. ' + paragraph + '\\n';
          const text = sections.join('\\n');
          if (text.length < 90_000) throw new Error('document too short: ' + text.length);
          await engine.lint(text);
        }
        gc();
        console.log(process.memoryUsage().heapUsed - before);
      })();`;
    const dir = mkdtempSync(join(tmpdir(), 'mlsd-model-memory-'));
    try {
      const script = join(dir, 'scenario.js');
      await bundleForNode({ stdin: { contents: scenario, resolveDir: repoRoot, loader: 'ts', sourcefile: 'scenario.ts' }, outfile: script, external: ['mermaid'] });
      writeFileSync(join(dir, 'package.json'), '{}');
      const grown = Number(execFileSync(process.execPath, ['--expose-gc', script], { encoding: 'utf8', env: { ...process.env, MLSD_MERMAID_WORKER: '/nonexistent' } }).trim());
      expect(grown).toBeLessThan(4 * 1024 * 1024);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
