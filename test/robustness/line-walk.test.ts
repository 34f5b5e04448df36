// forEachLine walks every line of every lint (chunking). With String.prototype.indexOf from a start
// position it ran in a few ms until V8 optimised it, then took ~1.1 s per 50,000-line doc on every
// later lint (a hundred times slower; the engine bench's 50k row showed it). It shows only in plain
// Node (vitest's module runner does not reach that tier), so the walk runs bundled, in a child Node.
// A generous bound: the slow path takes seconds over these runs, the linear one tens of milliseconds.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { forEachLine } from '../../server/src/engine/parse/chunks';
import { bundleForNode } from '../helpers/nodeBundle';

const work = mkdtempSync(join(tmpdir(), 'mlsd-line-walk-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('forEachLine', () => {
  it('stays linear once V8 has optimised it: twenty walks of a 50,000-line doc in plain Node', async () => {
    const entry = join(work, 'walk.ts');
    writeFileSync(
      entry,
      `import { forEachLine } from ${JSON.stringify(join(__dirname, '../../server/src/engine/parse/chunks'))};
const text = Array.from({ length: 50_000 }, (_, i) => '- line ' + i + ' of a design doc, with some words on it').join('\\n') + '\\n';
let lines = 0;
const started = performance.now();
for (let run = 0; run < 20; run++) forEachLine(text, () => void lines++);
console.log(JSON.stringify({ lines, ms: performance.now() - started }));
`,
    );
    const out = join(work, 'walk.js');
    await bundleForNode({ entryPoints: [entry], outfile: out });
    const { lines, ms } = JSON.parse(execFileSync(process.execPath, [out], { encoding: 'utf8' })) as { lines: number; ms: number };
    expect(lines).toBe(1_000_000);
    expect(ms).toBeLessThan(3000);
  }, 60_000);

  it('ends lines at \\r\\n, \\n and a lone \\r', () => {
    const seen: [number, number, number][] = [];
    forEachLine('a\r\nb\nc\rd', (start, end, next) => void seen.push([start, end, next]));
    expect(seen).toEqual([
      [0, 1, 3],
      [3, 4, 5],
      [5, 6, 7],
      [7, 8, 9],
    ]);
  });
});
