// URI helpers that never throw: clients send untitled:, vscode-notebook-cell: and plain junk.
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The file-system path of a file: URI, or undefined for other schemes and malformed URIs. */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(path: string): string {
  return pathToFileURL(path).href;
}
