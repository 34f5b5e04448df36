// Where the rule docs live, shared by the language server (codeDescription links) and the CLI
// (SARIF helpUri), both derived from package.json so they cannot disagree. The language server
// links to the pages installed with it (docs/rules/ beside dist/) when they are there, so the
// links work offline; SARIF, read on a code-scanning web page, keeps the repository's URL.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Where the rule docs live, from a package.json's `repository` (a string or `{ url }`, with or
 * without `git+` and `.git`): `<repository>/blob/main/docs/rules/`. Undefined when the manifest
 * names no http(s) repository.
 */
export function ruleDocsBaseFromManifest(manifest: { repository?: unknown }): string | undefined {
  const repository = repositoryUrlFromManifest(manifest);
  return repository ? `${repository}/blob/main/docs/rules/` : undefined;
}

/** The http(s) URL of a package.json's `repository`, without `git+` and `.git`. */
export function repositoryUrlFromManifest(manifest: { repository?: unknown }): string | undefined {
  const { repository } = manifest;
  const raw = typeof repository === 'string' ? repository : (repository as { url?: unknown } | undefined)?.url;
  if (typeof raw !== 'string') return undefined;
  const url = raw
    .trim()
    .replace(/^git\+/, '')
    .replace(/\.git$/, '')
    .replace(/\/+$/, '');
  return /^https?:\/\//.test(url) ? url : undefined;
}

export function ruleDocUrl(ruleId: string, ruleDocsBase: string): string {
  return `${ruleDocsBase}${encodeURIComponent(ruleId)}.md`;
}

/**
 * The `file:` URL (with a trailing slash) of the rule pages installed with the bundle in
 * `bundleDir` (`<package>/dist` -> `<package>/docs/rules/`), or undefined when they are not there.
 */
export function installedRuleDocsBase(bundleDir: string): string | undefined {
  const folder = join(bundleDir, '..', 'docs', 'rules');
  try {
    if (!existsSync(join(folder, 'README.md'))) return undefined;
  } catch {
    return undefined;
  }
  return `${pathToFileURL(folder).href}/`;
}
