// Generates server/src/engine/templateSources.generated.ts from templates/index.json, the one
// registry of starter templates: a static import per template and worked example, so esbuild and
// vitest both bundle them as text (neither shares a glob import with the other). Adding a template
// is its .md file (and examples/<id>.md) plus its manifest entry; `npm run build` (scripts/build.mjs) or
// this script regenerates the imports, and test/unit/templateRegistry.test.ts fails while they are stale.
//
//   node scripts/gen-template-sources.mjs [--check]
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeIfChanged } from './write-if-changed.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const TEMPLATE_SOURCES_FILE = resolve(root, 'server/src/engine/templateSources.generated.ts');

/** The generated module's text for a manifest (templates/index.json's entries). */
export function templateSourcesModule(manifest) {
  const imports = [];
  const sources = [];
  const examples = [];
  manifest.forEach((entry, i) => {
    imports.push(`import template${i} from '../../../templates/${entry.file}';`);
    sources.push(`  ${JSON.stringify(entry.id)}: template${i},`);
    if (entry.example) {
      imports.push(`import example${i} from '../../../templates/${entry.example}';`);
      examples.push(`  ${JSON.stringify(entry.id)}: example${i},`);
    }
  });
  return [
    '// Generated from templates/index.json by `node scripts/gen-template-sources.mjs`: do not edit.',
    ...imports,
    '',
    "/** Each template's Markdown by id, in manifest order. */",
    'export const TEMPLATE_SOURCES: Record<string, string> = {',
    ...sources,
    '};',
    '',
    "/** Each worked example's Markdown by template id, in manifest order. */",
    'export const EXAMPLE_SOURCES: Record<string, string> = {',
    ...examples,
    '};',
    '',
  ].join('\n');
}

export function readManifest() {
  return JSON.parse(readFileSync(resolve(root, 'templates/index.json'), 'utf8'));
}

/** Writes the generated module when it differs; returns whether it was stale. */
export function generateTemplateSources(outFile = TEMPLATE_SOURCES_FILE) {
  return writeIfChanged(outFile, templateSourcesModule(readManifest()));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--check')) {
    const stale = readFileSync(TEMPLATE_SOURCES_FILE, 'utf8') !== templateSourcesModule(readManifest());
    if (stale) {
      console.error('server/src/engine/templateSources.generated.ts is stale: run node scripts/gen-template-sources.mjs');
      process.exit(1);
    }
  } else if (generateTemplateSources()) console.log('wrote server/src/engine/templateSources.generated.ts');
}
