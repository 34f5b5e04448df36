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

const matcherCache = new Map<string, (path: string) => boolean>();
function matcher(globs: readonly string[]): (path: string) => boolean {
  const key = globs.join('\u0000');
  let match = matcherCache.get(key);
  if (!match) {
    // A bad glob must not take the server down: picomatch throws on some malformed patterns.
    const valid = globs.filter((glob) => {
      try {
        picomatch(glob);
        return true;
      } catch {
        return false;
      }
    });
    match = valid.length === 0 ? () => false : picomatch(valid, { dot: true, nocase: process.platform === 'win32' });
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
