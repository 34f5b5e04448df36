// Which Markdown files are design docs. Checking every README in a workspace would bury
// users in noise, so a file is checked only when it matches the include globs (and not the
// exclude globs), declares itself in front matter (`mlsd: true`, `type: design-doc`), carries the opt-in marker
// comment `<!-- mlsd-design-doc -->`, or the user forced the check on from the client.
//
// Pure and light on purpose: the VS Code client imports it too (to decide which editors the
// extension's commands apply to), so it depends on picomatch, node:url and the engine's
// dependency-free marker module only; never on the engine proper.
import picomatch from 'picomatch';
import { frontMatterDeclaresDesignDoc, hasDesignDocMarker } from '../engine/designDocMarker';
import type { MlsdSettings } from '../protocol';
import { uriToPath } from './uris';

export type SelectionReason = 'include-glob' | 'front-matter' | 'marker-comment' | 'forced' | 'disabled' | 'excluded' | 'not-selected';

export interface Selection {
  isDesignDoc: boolean;
  reason: SelectionReason;
}

export interface SelectionInput {
  uri: string;
  text: string;
  /** Only the selection settings, so callers without the full settings object can ask. */
  settings: Pick<MlsdSettings, 'enable' | 'include' | 'exclude'>;
  /** Workspace folder URIs; globs are matched against the path relative to the folder holding the file. */
  workspaceFolders: readonly string[];
  /** The user asked from the client for this document to be checked though no rule selects it. */
  forced?: boolean;
}

// --- Glob complexity ------------------------------------------------------------------------------
// picomatch compiles a glob to a backtracking regular expression, and wildcards in a row cost
// exponentially on paths that nearly match: `**/*a*a*a*a*a*a*a*a*a*a*b.md` took 42 s against one
// 48-character path, on the server's main thread. The globs come from settings, which a repository can
// set (.vscode/settings.json), so a glob past these bounds is ignored, with a message saying why
// (server.ts shows it).

/**
 * What a glob may hold. The cost explodes when a path segment has several `*` with literals between
 * them (`*a*a*b`: each `*` may end anywhere) and when such segments repeat across `**`; one star per
 * segment, anchored by literals, stays cheap. Within these bounds the worst glob found takes ~10 ms
 * on a 1 KB path; the defaults (`**\/design-doc*\/**\/*.md`) are well inside.
 */
export const MAX_GLOB_WILDCARDS = 6;
export const MAX_STARS_PER_SEGMENT = 2;
export const MAX_GLOB_LENGTH = 256;
/** Paths longer than this are not matched against globs (a file can still be selected by front matter or marker). */
export const MAX_GLOB_PATH_LENGTH = 1024;

/** Why a glob is not used, or undefined when it is fine. */
export function globProblem(glob: string): string | undefined {
  if (glob.length > MAX_GLOB_LENGTH) return `glob "${glob.slice(0, 40)}…" ignored: longer than ${MAX_GLOB_LENGTH} characters`;
  const costly = `can take minutes to match a path (at most ${MAX_GLOB_WILDCARDS} wildcards, at most ${MAX_STARS_PER_SEGMENT} * between two slashes, and only once)`;
  // Wildcards: runs of * (a ** segment is one), and extglobs: @( !( ?( +( *(.
  let wildcards = 0;
  let multiStarSegments = 0;
  for (const segment of glob.split('/')) {
    const stars = (segment.match(/\*+|[@!?+](?=\()/g) ?? []).length;
    wildcards += stars;
    if (stars > MAX_STARS_PER_SEGMENT) return `glob "${glob}" ignored: ${stars} wildcards in "${segment}" ${costly}`;
    if (stars > 1) multiStarSegments++;
  }
  if (wildcards > MAX_GLOB_WILDCARDS) return `glob "${glob}" ignored: ${wildcards} wildcards ${costly}`;
  if (multiStarSegments > 1) return `glob "${glob}" ignored: ${multiStarSegments} parts with several wildcards ${costly}`;
  if ((glob.match(/\{/g) ?? []).length > 8) return `glob "${glob.slice(0, 40)}…" ignored: more than 8 brace groups`;
  try {
    picomatch(glob);
  } catch (error) {
    // A bad glob must not take the server down: picomatch throws on some malformed patterns.
    return `glob "${glob}" ignored: ${error instanceof Error ? error.message : String(error)}`;
  }
  return undefined;
}

/** One message per include or exclude glob that is not used (see globProblem). */
export function globProblems(settings: Pick<MlsdSettings, 'include' | 'exclude'>): string[] {
  return (['include', 'exclude'] as const).flatMap((key) =>
    (settings[key] ?? []).flatMap((glob) => {
      const problem = typeof glob === 'string' ? globProblem(glob) : 'not a string';
      return problem ? [`mlsd.${key}: ${problem}`] : [];
    }),
  );
}

const matcherCache = new Map<string, (path: string) => boolean>();
function matcher(globs: readonly string[]): (path: string) => boolean {
  const key = globs.join('\u0000');
  let match = matcherCache.get(key);
  if (!match) {
    const valid = globs.filter((glob) => typeof glob === 'string' && globProblem(glob) === undefined);
    if (valid.length === 0) match = () => false;
    else {
      const compiled = picomatch(valid, { dot: true, nocase: process.platform === 'win32' });
      match = (path) => path.length <= MAX_GLOB_PATH_LENGTH && compiled(path);
    }
    if (matcherCache.size > 64) matcherCache.clear();
    matcherCache.set(key, match);
  }
  return match;
}

/**
 * The path the globs are matched against: relative to the innermost workspace folder that
 * holds the file, or the full path (without its leading slash) when no folder holds it, so
 * `**`-prefixed globs still match files opened outside any folder.
 */
export function pathForGlobs(uri: string, workspaceFolders: readonly string[]): string {
  const path = (uriToPath(uri) ?? safeDecode(uri.replace(/^[a-z][\w+.-]*:\/*/i, ''))).replace(/\\/g, '/');
  let best: string | undefined;
  for (const folderUri of workspaceFolders) {
    const folder = uriToPath(folderUri)?.replace(/\\/g, '/').replace(/\/+$/, '');
    if (folder && path.startsWith(folder + '/') && (!best || folder.length > best.length)) best = folder;
  }
  return best ? path.slice(best.length + 1) : path.replace(/^\/+/, '');
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function selectDocument(input: SelectionInput): Selection {
  const { settings } = input;
  if (!settings.enable) return { isDesignDoc: false, reason: 'disabled' };
  if (input.forced === true) return { isDesignDoc: true, reason: 'forced' };
  // An explicit declaration inside the file wins over the globs: the writer asked for it.
  if (frontMatterDeclaresDesignDoc(input.text)) return { isDesignDoc: true, reason: 'front-matter' };
  if (hasDesignDocMarker(input.text)) return { isDesignDoc: true, reason: 'marker-comment' };
  const path = pathForGlobs(input.uri, input.workspaceFolders);
  if (matcher(settings.exclude)(path)) return { isDesignDoc: false, reason: 'excluded' };
  if (matcher(settings.include)(path)) return { isDesignDoc: true, reason: 'include-glob' };
  return { isDesignDoc: false, reason: 'not-selected' };
}
