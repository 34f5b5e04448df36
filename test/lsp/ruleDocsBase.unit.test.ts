// Where a diagnostic's rule id links to (ruleDocsBaseFromManifest in server/src/lsp/diagnostics.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ruleDocsBaseFromManifest } from '../../server/src/lsp/diagnostics';

describe('rule docs base', () => {
  it('derives the docs folder from package.json repository, as the CLI does', () => {
    const packageJson = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { repository?: unknown };
    expect(ruleDocsBaseFromManifest(packageJson)).toBe('https://github.com/mlsd-tools/mlsd-design-docs/blob/main/docs/rules/');
    expect(ruleDocsBaseFromManifest({ repository: 'git+https://example.test/x/y.git' })).toBe('https://example.test/x/y/blob/main/docs/rules/');
    expect(ruleDocsBaseFromManifest({ repository: 'github:x/y' })).toBeUndefined();
    expect(ruleDocsBaseFromManifest({})).toBeUndefined();
  });
});
