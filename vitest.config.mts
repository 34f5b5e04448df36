import { defineConfig } from 'vitest/config';
import { readFileSync } from 'node:fs';

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
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    testTimeout: 30000,
    hookTimeout: 60000,
  },
});
