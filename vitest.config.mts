import { defineConfig } from 'vitest/config';
import { readFileSync } from 'node:fs';
import { globSync } from 'tinyglobby';

// Three projects; `npm test` runs them all, each test exactly once:
//   unit        the inner loop (`npm run test:unit`, under 30 s): the engine, the language server's
//               features on in-memory doubles (test/lsp/*.unit.test.ts), the CLI's pure parts.
//               Nothing here spawns a process, builds a bundle or times a multi-second operation.
//   integration the rest: the CLI and the language server as processes, Neovim, the browser pages,
//               the package, the security and robustness suites (with their timing bounds), bench.
//   stress      the few stress tests of unit files (below).
// A new test file lands in `integration` unless it matches UNIT; move it over once it is fast.
const UNIT = ['test/unit/**/*.test.ts', 'test/lsp/*.unit.test.ts', 'test/cli/rule-docs.test.ts'];
const SLOW_UNIT = [
  'test/unit/mermaid-syntax.test.ts', // builds the mermaid worker bundle and waits out parse timeouts
  'test/unit/practice-cli.test.ts', // builds dist/ and runs the CLI as a subprocess
];
// Stress tests inside otherwise fast unit files (random inputs, a 5 MB doc, 2,000-deep nesting): the
// `stress` project runs exactly these, `unit` everything else in those files.
const STRESS_FILES = ['test/unit/parse.test.ts', 'test/unit/engine.test.ts'];
const STRESS_TESTS = /on random Markdown-like texts|on random documents built from|nested 2,000 levels deep|lints a 5 MB document/;
const EXCLUDE = ['test/e2e/**', 'node_modules/**'];
// The unit project's files, listed, so that `integration` is exactly everything else.
const UNIT_FILES = globSync(UNIT, { ignore: [...EXCLUDE, ...SLOW_UNIT] });

export default defineConfig({
  plugins: [
    {
      // Mirrors esbuild's `.md: text` loader so engine code can import templates as strings.
      name: 'markdown-as-text',
      enforce: 'pre',
      transform(_code, id) {
        if (id.endsWith('.md')) return { code: `export default ${JSON.stringify(readFileSync(id, 'utf8'))};`, map: null };
      },
    },
  ],
  test: {
    testTimeout: 30000,
    hookTimeout: 60000,
    projects: [
      // isolate: false loads the engine once per worker instead of once per file (the import was two thirds of the time);
      // a unit test must therefore leave no module state behind (mermaid-syntax, which sets the worker path, is not here).
      { extends: true, test: { name: 'unit', include: UNIT_FILES, exclude: EXCLUDE, isolate: false, testNamePattern: new RegExp(`^(?!.*(?:${STRESS_TESTS.source}))`) } },
      { extends: true, test: { name: 'stress', include: STRESS_FILES, exclude: EXCLUDE, testNamePattern: STRESS_TESTS } },
      { extends: true, test: { name: 'integration', include: ['test/**/*.test.ts'], exclude: [...EXCLUDE, ...UNIT_FILES] } },
    ],
  },
});
