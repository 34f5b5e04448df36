// Discovery: which config file applies to a document. The nearest .mlsdrc.json / .mlsdrc.yaml /
// .mlsdrc.yml / package.json#mlsd, looked for from the document's folder up to the repository root,
// never through a link out of it.
import { lstatSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, parse, relative, resolve, sep } from 'node:path';
import type { ConfigProblem } from '../types';
import { readCached } from './files';

/** Looked up in this order in each folder, walking up from the document. */
export const CONFIG_FILE_NAMES = ['.mlsdrc.json', '.mlsdrc.yaml', '.mlsdrc.yml', 'package.json'] as const;

export interface ConfigLookupOptions {
  /**
   * Folders the lookup never goes above when the document is not in a repository (the CLI passes
   * the working folder and the folders given; an editor, its workspace folders).
   */
  stopAt?: readonly string[];
}

/**
 * How far up the lookup goes: the repository root (the nearest folder, the document's own included,
 * that holds `.git`), else the deepest `stopAt` folder that contains the document, else the file
 * system root. A config above it (a home folder's, a parent project's) never applies to a document of
 * this repository, and a config that is a symbolic link is followed only to a file inside it.
 */
export function configLookupBoundary(filePath: string, lookup: ConfigLookupOptions = {}): string {
  const start = dirname(resolve(filePath));
  for (let folder = start; ;) {
    if (exists(join(folder, '.git'))) return folder;
    const parent = dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
  let best: string | undefined;
  for (const stop of lookup.stopAt ?? []) {
    const folder = resolve(stop);
    if (isWithin(start, folder) && (best === undefined || folder.length > best.length)) best = folder;
  }
  return best ?? parse(start).root;
}

/** Said of a config file that is a link out of the repository (nothing of its target is read or echoed). */
export const LINKED_OUT_OF_BOUNDARY = 'leads outside the repository (or the folder checked) through a symbolic link, so it is not read';

interface ConfigLookup {
  file?: string;
  /** A config file skipped because it is a link out of the boundary (nothing of the target is read). */
  problems: ConfigProblem[];
}

export function lookupConfigFile(filePath: string, lookup: ConfigLookupOptions): ConfigLookup {
  const boundary = configLookupBoundary(filePath, lookup);
  const problems: ConfigProblem[] = [];
  let realBoundary: string | undefined;
  let folder = dirname(resolve(filePath));
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(folder, name);
      if (!isFile(candidate)) continue;
      // A link (the file, or a linked folder on the way) may lead out of the repository: compare real paths.
      {
        realBoundary ??= realPathOr(boundary);
        const real = realPathOr(candidate);
        if (!isWithin(real, realBoundary)) {
          problems.push({
            file: candidate,
            key: '',
            message: `${LINKED_OUT_OF_BOUNDARY}; the lookup goes on upwards`,
          });
          continue;
        }
      }
      if (name === 'package.json' && readCached(candidate).parsed.kind === 'not-a-config') continue;
      return { file: candidate, problems };
    }
    const parent = dirname(folder);
    if (folder === boundary || parent === folder || !isWithin(parent, boundary)) return { problems };
    folder = parent;
  }
}

/**
 * Whether a config file may be read for a lookup: its real path (links followed) is inside the
 * lookup boundary. A watched config that is a link out of the workspace is neither read nor quoted.
 */
export function isConfigFileInsideBoundary(configPath: string, lookup: ConfigLookupOptions = {}): boolean {
  const boundary = configLookupBoundary(configPath, lookup);
  return isWithin(realPathOr(resolve(configPath)), realPathOr(boundary));
}

/**
 * The nearest config file for a document, or undefined. Looks in the document's folder, then each
 * parent up to the repository root (see configLookupBoundary).
 */
export function findConfigFile(filePath: string, lookup: ConfigLookupOptions = {}): string | undefined {
  return lookupConfigFile(filePath, lookup).file;
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

function realPathOr(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** `path` is `folder` or inside it (absolute paths). */
function isWithin(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
