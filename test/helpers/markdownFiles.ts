// The Markdown files tests read everything from: the repository's own docs, fixtures and templates.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The repository root. */
export const repoRoot = join(__dirname, '../..');

/** Every `.md` file under `dir`, recursively. */
export function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return markdownFiles(path);
    return name.endsWith('.md') ? [path] : [];
  });
}

/** The repository's Markdown: test fixtures, templates, examples and docs. */
export const repoMarkdown = (): string[] => ['test/fixtures', 'templates', 'examples', 'docs'].flatMap((dir) => markdownFiles(join(repoRoot, dir)));
