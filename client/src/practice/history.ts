// The session history on disk: one JSON file per finished session in `<workspace>/.mlsd/practice/`
// (the format is PracticeSessionRecord in server/src/cli/format-report.ts, documented in the README),
// so other tools, the CLI's --report and a later VS Code window all read the same files.
import { existsSync, mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSessionRecords, type PracticeSessionRecord } from '../../../server/src/cli/format-report';

export const HISTORY_DIR = join('.mlsd', 'practice');

/** `<case>-<YYYY-MM-DDTHH-MM-SS>` from the finish time: sortable, one per session, safe on every file system. */
export function sessionFileName(record: Pick<PracticeSessionRecord, 'case' | 'date' | 'kind'>, taken: ReadonlySet<string> = new Set()): string {
  const stamp = record.date
    .replace(/\.\d+Z$/, '')
    .replace(/Z$/, '')
    .replace(/:/g, '-');
  const safeCase = record.case.replace(/[^A-Za-z0-9_-]/g, '_') || 'case';
  const base = `${safeCase}${record.kind === 'retry' ? '-retry' : ''}-${stamp}`;
  let name = `${base}.json`;
  for (let n = 2; taken.has(name); n++) name = `${base}-${n}.json`;
  return name;
}

/** Writes the record atomically (temporary file, then rename) and returns its path. */
export function writeSessionRecord(workspaceRoot: string, record: PracticeSessionRecord): string {
  const dir = join(workspaceRoot, HISTORY_DIR);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, sessionFileName(record, new Set(existsSync(dir) ? readdirSync(dir) : [])));
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(record, null, 2)}\n`, 'utf8');
  renameSync(temporary, file);
  return file;
}

export function readHistory(workspaceRoot: string): PracticeSessionRecord[] {
  return readSessionRecords(join(workspaceRoot, HISTORY_DIR));
}
