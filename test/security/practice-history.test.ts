// The practice history (.mlsd/practice/) is read from the repository by `mlsd-lint --report` and by
// the extension: a hostile repository must not make that block (a FIFO, /dev/zero), read without end
// (a huge file), read outside it (links), or pick up a history above the repository root.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findHistoryDir, readSessionRecords } from '../../server/src/cli/format-report';

const root = mkdtempSync(join(tmpdir(), 'mlsd-practice-history-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const record = (file: string) => ({
  version: 1,
  case: 'generic',
  caseTitle: 'Generic',
  date: '2026-11-30T10:00:00.000Z',
  startedAt: '2026-11-30T09:15:00.000Z',
  lengthMinutes: 45,
  elapsedMinutes: 44,
  kind: 'full',
  file,
  readiness: 50,
  steps: [],
  checks: [],
});

describe('practice history in a hostile repository', () => {
  it('reads regular files only, skipping pipes, devices, links and oversized files', () => {
    const dir = join(root, 'repo', '.mlsd', 'practice');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'a.json'), JSON.stringify(record('doc.md')));
    if (existsSync('/dev/zero')) symlinkSync('/dev/zero', join(dir, 'zero.json'));
    spawnSync('mkfifo', [join(dir, 'pipe.json')]);
    writeFileSync(join(dir, 'big.json'), `{"pad":"${'x'.repeat(2 * 1024 * 1024)}"}`);
    const outside = join(root, 'outside.json');
    writeFileSync(outside, JSON.stringify(record('doc.md')));
    symlinkSync(outside, join(dir, 'link.json'));
    const started = performance.now();
    const records = readSessionRecords(dir);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(records.length).toBeLessThanOrEqual(1);
  });

  it('does not read a history folder that is a link out of the repository', () => {
    const elsewhere = join(root, 'elsewhere');
    mkdirSync(elsewhere, { recursive: true });
    writeFileSync(join(elsewhere, 'a.json'), JSON.stringify(record('doc.md')));
    mkdirSync(join(root, 'linked', '.mlsd'), { recursive: true });
    symlinkSync(elsewhere, join(root, 'linked', '.mlsd', 'practice'));
    expect(readSessionRecords(join(root, 'linked', '.mlsd', 'practice'))).toEqual([]);
  });

  it('does not look for a history above the repository root', () => {
    mkdirSync(join(root, 'home', '.mlsd', 'practice'), { recursive: true });
    mkdirSync(join(root, 'home', 'repo', '.git'), { recursive: true });
    mkdirSync(join(root, 'home', 'repo', 'docs'), { recursive: true });
    expect(findHistoryDir(join(root, 'home', 'repo', 'docs', 'doc.md'))).toBeUndefined();
    mkdirSync(join(root, 'home', 'repo', '.mlsd', 'practice'), { recursive: true });
    expect(findHistoryDir(join(root, 'home', 'repo', 'docs', 'doc.md'))).toBe(join(root, 'home', 'repo', '.mlsd', 'practice'));
  });
});
