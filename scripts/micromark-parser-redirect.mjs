// Points mdast-util-from-markdown's import of `micromark` at server/src/engine/micromarkParser.ts,
// which reuses micromark parsers instead of building one per chunk (see that file for why).
// One rule, two bundlers: esbuild for what ships and the dev scripts, vite for vitest.
import { fileURLToPath } from 'node:url';

export const MICROMARK_PARSER_MODULE = fileURLToPath(new URL('../server/src/engine/micromarkParser.ts', import.meta.url));
const FROM_MARKDOWN = /[\\/]mdast-util-from-markdown[\\/]/;

const redirected = (source, importer) => source === 'micromark' && importer !== undefined && FROM_MARKDOWN.test(importer);

export const esbuildMicromarkParserRedirect = {
  name: 'micromark-parser-redirect',
  setup(build) {
    build.onResolve({ filter: /^micromark$/ }, (args) => (redirected(args.path, args.importer) ? { path: MICROMARK_PARSER_MODULE } : undefined));
  },
};

export const viteMicromarkParserRedirect = {
  name: 'micromark-parser-redirect',
  enforce: 'pre',
  resolveId(source, importer) {
    return redirected(source, importer) ? MICROMARK_PARSER_MODULE : null;
  },
};
