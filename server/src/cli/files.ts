// Turns the command line's files, folders and globs into a list of documents, and reads each one
// defensively: a missing, binary, non-UTF-8 or oversized file becomes a message, never a crash.
import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';

// tinyglobby's ESM build loads fdir's ESM build, which calls createRequire(import.meta.url); in our CommonJS
// bundle import.meta.url is undefined and that throws at startup. require() makes esbuild pick the CJS builds.
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

/** Absolute paths, de-duplicated and sorted, plus one problem per input that led nowhere. */
export function expandInputs(inputs: readonly string[], cwd: string): { files: string[]; problems: InputProblem[] } {
  const files = new Set<string>();
  const problems: InputProblem[] = [];
  const globOptions = { cwd, absolute: true, dot: false, ignore: ['**/node_modules/**'], expandDirectories: false, onlyFiles: true };
  for (const input of inputs) {
    const absolute = resolve(cwd, input);
    const kind = pathKind(absolute);
    if (kind === 'file') {
      files.add(absolute);
    } else if (kind === 'folder') {
      // dot: false keeps .git, .venv and other dot-folders out.
      const found = globSync('**/*.md', { ...globOptions, cwd: absolute });
      if (found.length === 0) problems.push({ file: input, message: 'no Markdown (*.md) files in this folder' });
      for (const file of found) files.add(resolve(file));
    } else if (isDynamicPattern(input)) {
      const found = globSync(input, globOptions);
      if (found.length === 0) problems.push({ file: input, message: 'no files match this pattern' });
      for (const file of found) files.add(resolve(file));
    } else {
      problems.push({ file: input, message: 'no such file or folder' });
    }
  }
  return { files: [...files].sort(), problems };
}

function pathKind(path: string): 'file' | 'folder' | 'other' | undefined {
  try {
    const stats = statSync(path);
    return stats.isFile() ? 'file' : stats.isDirectory() ? 'folder' : 'other';
  } catch {
    return undefined;
  }
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
