// Preview benchmark: time to first render and to re-render after a one-line edit, for a doc
// with 10 and with 50 mermaid diagrams, in headless Chromium with the shipped page and script.
// Run alone with `npx tsx scripts/bench-preview.ts`; `npm run bench` calls benchPreview().
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildWebviewAssets, diagramsFromSources, launchChromium, openPreviewPage, REPO_ROOT, renderUpdate, startPreviewServer } from '../test/browser/harness';
import type { DiagramInfo } from '../server/src/protocol';

/** A realistic mix: the valid corpus (every diagram type) repeated to the wanted count. */
function corpusDiagrams(count: number): DiagramInfo[] {
  const dir = join(REPO_ROOT, 'test', 'fixtures', 'mermaid', 'valid');
  const corpus = readdirSync(dir)
    .filter((f) => f.endsWith('.mmd'))
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8').replace(/\n$/, ''));
  return diagramsFromSources(Array.from({ length: count }, (_, i) => ({ code: corpus[i % corpus.length]!, heading: `Section ${Math.floor(i / 3) + 1}` })));
}

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
      // A one-line edit in the middle diagram: a label changes, as when a writer types.
      const middle = Math.floor(size / 2);
      const edited = diagrams.map((d, i) => (i === middle ? { ...d, code: `${d.code}\n%% edited ${Date.now()}` } : d));
      const editStart = performance.now();
      const second = await renderUpdate(page, { uri, fileName: `bench-${size}.md`, version: 2, diagrams: edited, theme: 'auto' });
      results[`preview.rerenderOneLine.${size}`] = Math.round(performance.now() - editStart);
      if (second.rendered !== 1) throw new Error(`a one-line edit re-rendered ${second.rendered} diagrams, expected 1`);
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
const invokedDirectly = /bench-preview\.[cm]?[jt]s$/.test(process.argv[1] ?? '');
if (invokedDirectly) {
  benchPreview().then(
    (results) => console.log(JSON.stringify(results, null, 2)),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
