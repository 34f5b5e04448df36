// templates/index.json is the one registry of starter templates: the engine's imports of their files
// are generated from it (scripts/gen-template-sources.mjs), and must not fall behind it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readManifest, TEMPLATE_SOURCES_FILE, templateSourcesModule } from '../../scripts/gen-template-sources.mjs';
import { EXAMPLE_SOURCES, TEMPLATE_SOURCES } from '../../server/src/engine/templateSources.generated';

describe('the template registry', () => {
  it('is generated from templates/index.json (run node scripts/gen-template-sources.mjs after editing the manifest)', () => {
    expect(readFileSync(TEMPLATE_SOURCES_FILE, 'utf8')).toBe(templateSourcesModule(readManifest()));
  });

  it('holds every template and worked example of the manifest, in manifest order', () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, '../../templates/index.json'), 'utf8')) as { id: string; example?: string }[];
    expect(Object.keys(TEMPLATE_SOURCES)).toEqual(manifest.map((entry) => entry.id));
    expect(Object.keys(EXAMPLE_SOURCES)).toEqual(manifest.filter((entry) => entry.example).map((entry) => entry.id));
  });
});
