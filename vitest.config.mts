import { defineConfig } from 'vitest/config';
import { readFileSync } from 'node:fs';
import { viteMicromarkParserRedirect } from './scripts/micromark-parser-redirect.mjs';

export default defineConfig({
  plugins: [
    viteMicromarkParserRedirect,
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
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    testTimeout: 30000,
    hookTimeout: 60000,
    // Bundled by vite rather than loaded by Node (remark-parse imports mdast-util-from-markdown), so that the micromark parser redirect applies.
    server: { deps: { inline: [/[\\/]remark-parse[\\/]/, /[\\/]mdast-util-from-markdown[\\/]/] } },
  },
});
