// Turns the command line's files, folders and globs into a list of documents, and reads each one
// defensively: a missing, binary, non-UTF-8 or oversized file becomes a message, never a crash.
import { lstatSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

// tinyglobby's ESM build loads fdir's ESM build, which calls createRequire(import.meta.url); in our CommonJS
// bundle import.meta.url is undefined and that throws at startup. require() makes esbuild pick the CJS builds.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- see above: the CJS build on purpose
const { globSync, isDynamicPattern } = require('tinyglobby') as typeof import('tinyglobby');

/** Design docs are a few hundred KB at most; beyond this a file is generated data, not a doc. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** Git's heuristic: a NUL byte in the first 8000 bytes means binary. */
const BINARY_SNIFF_BYTES = 8000;

export interface InputProblem {
  /** The input as the user typed it, or the file path it led to. */
  file: string;
  message: string;
}

/** What the command line led to. */
export interface ExpandedInputs {
  /** Absolute paths, de-duplicated and sorted. */
  files: string[];
  /** One problem per input that led nowhere (or to something that is not a file). */
  problems: InputProblem[];
  /**
   * Real paths (symbolic links resolved) of the folders --fix may write in: the working folder, and
   * the folder of each input that lies outside it (the folder itself, or the folder a file or a
   * glob's fixed part is in). Which roots count is decided on the path as typed; a file is written
   * only when its real path is inside one of them (see realPathInsideRoots), so a symbolic link in the
   * repository cannot send a fix outside.
   */
  writeRoots: string[];
  /**
   * The same folders as typed (not resolved): outside a repository, the config lookup of a file
   * stops at the deepest of them that holds it (see configLookupBoundary).
   */
  lookupRoots: string[];
}

/**
 * Files named on the command line are checked whatever they are (a symbolic link included); folder
 * and glob expansion never follows a symbolic link, to a file or to a folder.
 */
export function expandInputs(inputs: readonly string[], cwd: string): ExpandedInputs {
  const files = new Set<string>();
  const problems: InputProblem[] = [];
  const roots = new Set<string>([realPathOr(resolve(cwd))]);
  const lookupRoots = new Set<string>([resolve(cwd)]);
  const addRootFor = (folder: string) => {
    // A folder typed inside the working folder adds nothing: its real path may lead anywhere.
    if (isInside(folder, resolve(cwd))) return;
    roots.add(realPathOr(folder));
    lookupRoots.add(folder);
  };
  const globOptions = {
    cwd,
    absolute: true,
    dot: false,
    ignore: ['**/node_modules/**'],
    expandDirectories: false,
    onlyFiles: true,
    followSymbolicLinks: false,
  };
  const keepFound = (found: string[]) => {
    let kept = 0;
    for (const file of found) {
      // tinyglobby lists a symbolic link to a file as a file even when it does not follow links.
      if (isSymbolicLink(file)) continue;
      files.add(resolve(file));
      kept++;
    }
    return kept;
  };
  for (const input of inputs) {
    const absolute = resolve(cwd, input);
    const kind = pathKind(absolute);
    if (kind === 'file') {
      files.add(absolute);
      addRootFor(dirname(absolute));
    } else if (kind === 'folder') {
      // dot: false keeps .git, .venv and other dot-folders out.
      if (keepFound(globSync('**/*.md', { ...globOptions, cwd: absolute })) === 0) problems.push({ file: input, message: 'no Markdown (*.md) files in this folder' });
      addRootFor(absolute);
    } else if (kind !== undefined) {
      problems.push({ file: input, message: `${describeSpecialFile(kind)}, not a file or folder; skipped` });
    } else if (isDynamicPattern(input)) {
      if (keepFound(globSync(input, globOptions)) === 0) problems.push({ file: input, message: 'no files match this pattern' });
      addRootFor(resolve(cwd, globBase(input)));
    } else {
      problems.push({ file: input, message: 'no such file or folder' });
    }
  }
  return { files: [...files].sort(), problems, writeRoots: [...roots], lookupRoots: [...lookupRoots] };
}

type PathKind = 'file' | 'folder' | 'fifo' | 'character-device' | 'block-device' | 'socket' | 'other';

function pathKind(path: string): PathKind | undefined {
  try {
    const stats = statSync(path);
    if (stats.isFile()) return 'file';
    if (stats.isDirectory()) return 'folder';
    if (stats.isFIFO()) return 'fifo';
    if (stats.isCharacterDevice()) return 'character-device';
    if (stats.isBlockDevice()) return 'block-device';
    if (stats.isSocket()) return 'socket';
    return 'other';
  } catch {
    return undefined;
  }
}

function describeSpecialFile(kind: Exclude<PathKind, 'file' | 'folder'>): string {
  switch (kind) {
    case 'fifo':
      return 'a named pipe (FIFO)';
    case 'character-device':
      return 'a character device (such as /dev/zero or a terminal)';
    case 'block-device':
      return 'a block device';
    case 'socket':
      return 'a socket';
    default:
      return 'a special file';
  }
}

// The fixed folder part of a glob: "docs/**/*.md" -> "docs".
function globBase(pattern: string): string {
  const segments = pattern.split(/[\\/]/);
  const fixed: string[] = [];
  for (const segment of segments.slice(0, -1)) {
    if (isDynamicPattern(segment)) break;
    fixed.push(segment);
  }
  return fixed.length === 0 ? '.' : fixed.join('/') || '/';
}

function isSymbolicLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return true; // gone or unreadable: not ours to follow
  }
}

function realPathOr(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** True when `path` is `root` or inside it (both absolute, compared as given). */
export function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** The real path of `file` when it is inside one of the real `roots`; undefined when it is not (or cannot be resolved). */
export function realPathInsideRoots(file: string, roots: readonly string[]): string | undefined {
  let real: string;
  try {
    real = realpathSync(file);
  } catch {
    return undefined;
  }
  return roots.some((root) => isInside(real, root)) ? real : undefined;
}

export type ReadResult = { text: string; hadBom: boolean } | { error: string };

export function readDocument(file: string): ReadResult {
  let size: number;
  try {
    const stats = statSync(file);
    if (!stats.isFile()) return { error: 'not a regular file' };
    size = stats.size;
  } catch (error) {
    return { error: `cannot read: ${describeIoError(error)}` };
  }
  if (size > MAX_FILE_BYTES) {
    return { error: `file is ${(size / 1024 / 1024).toFixed(1)} MB, over the ${MAX_FILE_BYTES / 1024 / 1024} MB limit for a design doc; skipped` };
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    return { error: `cannot read: ${describeIoError(error)}` };
  }
  if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return { error: 'looks like a binary file (it contains NUL bytes); skipped' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { error: 'is not valid UTF-8 text; save it as UTF-8 to check it' };
  }
  // TextDecoder drops a leading BOM by default; remember it so --fix writes it back.
  const hadBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return { text, hadBom };
}

function describeIoError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a folder';
  return (error as Error).message;
}

/** Paths as users expect to see them: relative to the working folder when inside it. */
export function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  const shown = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
  return shown.split(sep).join('/');
}
