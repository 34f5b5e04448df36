// Preview benchmark: time to first render and to re-render after a one-line edit, for a doc
// with 10 and with 50 mermaid diagrams, in headless Chromium with the shipped page and script.
// Run alone with `npx tsx scripts/bench-preview.ts`; `npm run bench` calls benchPreview().
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildWebviewAssets, diagramsFromSources, launchChromium, openPreviewPage, REPO_ROOT, renderUpdate, startPreviewServer } from '../test/browser/harness';
import type { DiagramInfo } from '../server/src/protocol';
import { isMainScript, median } from './bench-util';

/** A realistic mix: the valid corpus (every diagram type) repeated to the wanted count. */
function corpusDiagrams(count: number): DiagramInfo[] {
  const dir = join(REPO_ROOT, 'test', 'fixtures', 'mermaid', 'valid');
  const corpus = readdirSync(dir)
    .filter((f) => f.endsWith('.mmd'))
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8').replace(/\n$/, ''));
  return diagramsFromSources(Array.from({ length: count }, (_, i) => ({ code: corpus[i % corpus.length]!, heading: `Section ${Math.floor(i / 3) + 1}` })));
}

const EDITS = 5;

/** Figures in milliseconds, keyed `preview.<what>.<diagrams>`. */
export async function benchPreview(sizes: number[] = [10, 50]): Promise<Record<string, number>> {
  const results: Record<string, number> = {};
  const assets = await buildWebviewAssets();
  const server = await startPreviewServer(assets.dir);
  const browser = await launchChromium();
  try {
    for (const size of sizes) {
      const loadStart = performance.now();
      const { page } = await openPreviewPage(browser, server);
      results[`preview.pageLoad.${size}`] = Math.round(performance.now() - loadStart);
      const diagrams = corpusDiagrams(size);
      const uri = `file:///bench-${size}.md`;
      const firstStart = performance.now();
      const first = await renderUpdate(page, { uri, fileName: `bench-${size}.md`, version: 1, diagrams, theme: 'auto' });
      results[`preview.firstRender.${size}`] = Math.round(performance.now() - firstStart);
      if (first.failed > 0) throw new Error(`${first.failed} corpus diagrams failed to render`);
      // One-line edits in the middle diagram, as when a writer types: the median of a few.
      const middle = Math.floor(size / 2);
      const editTimes: number[] = [];
      for (let edit = 1; edit <= EDITS; edit++) {
        const edited = diagrams.map((d, i) => (i === middle ? { ...d, code: `${d.code}\n%% edit ${edit}` } : d));
        const editStart = performance.now();
        const report = await renderUpdate(page, { uri, fileName: `bench-${size}.md`, version: 1 + edit, diagrams: edited, theme: 'auto' });
        editTimes.push(performance.now() - editStart);
        if (report.rendered !== 1) throw new Error(`a one-line edit re-rendered ${report.rendered} diagrams, expected 1`);
      }
      results[`preview.rerenderOneLine.${size}`] = Math.round(median(editTimes));
      await page.context().close();
    }
  } finally {
    await browser.close();
    await server.close();
    assets.dispose();
  }
  return results;
}

// Run directly (tsx, or node on a bundle of this file alone), not when bundled into or imported by scripts/bench.ts.
if (isMainScript('bench-preview')) {
  benchPreview().then(
    (results) => console.log(JSON.stringify(results, null, 2)),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
