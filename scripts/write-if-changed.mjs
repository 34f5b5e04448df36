// Shared by the generators run at build time: a generated file is rewritten only when its text
// changed, so an unchanged build leaves its mtime alone (and watchers quiet).
import { readFileSync, writeFileSync } from 'node:fs';

/** Writes `text` to `file` when it differs from what is there; returns whether it was stale. */
export function writeIfChanged(file, text) {
  let current;
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    current = undefined;
  }
  if (current === text) return false;
  writeFileSync(file, text);
  return true;
}
