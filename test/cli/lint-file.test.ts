// lintOneFile's configuration memo: a lint worker looks each folder's configuration up once per run;
// in-process callers that pass no memo look it up for every file.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lintOneFile, type ConfigMemo } from '../../server/src/cli/lint-file';
import { createEngine } from '../../server/src/engine';
import { clearConfigCache } from '../../server/src/engine/config/files';

const THIN_DOC = '# Feed ranking\n\n## Clarify requirements\n\nWe rank posts.\n';
const thinOff = JSON.stringify({ rules: { 'thin-step': 'off' } });
const thinOn = JSON.stringify({ rules: { 'thin-step': 'warning' } });

let root = '';
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'mlsd-lint-file-'));
  mkdirSync(join(root, '.git'));
  mkdirSync(join(root, 'docs', 'sub'), { recursive: true });
  for (const name of ['docs/a.md', 'docs/b.md', 'docs/sub/c.md']) writeFileSync(join(root, name), THIN_DOC);
  writeFileSync(join(root, 'docs', '.mlsdrc.json'), thinOff);
  clearConfigCache();
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const thinFindings = async (name: string, memo?: ConfigMemo) => {
  const { report } = await lintOneFile(createEngine(), { path: join(root, name), cwd: root, fix: false }, memo);
  return report.findings.filter((finding) => finding.ruleId === 'thin-step').length;
};

describe('lintOneFile: the configuration of each folder', () => {
  it('with a memo, looks a folder up once and answers its other files from it', async () => {
    const memo: ConfigMemo = new Map();
    expect(await thinFindings('docs/a.md', memo)).toBe(0);
    expect(memo.size).toBe(1);
    // Changed on disk mid-run: the run keeps the configuration it first read for that folder.
    writeFileSync(join(root, 'docs', '.mlsdrc.json'), thinOn);
    clearConfigCache();
    expect(await thinFindings('docs/b.md', memo)).toBe(0);
    expect(memo.size).toBe(1);
    // Another folder is looked up on its own (and finds the changed file, nearest above it).
    writeFileSync(join(root, 'docs', 'sub', '.mlsdrc.json'), thinOn);
    expect(await thinFindings('docs/sub/c.md', memo)).toBeGreaterThan(0);
    expect(memo.size).toBe(2);
  });

  it('without one, looks up for every file', async () => {
    expect(await thinFindings('docs/a.md')).toBe(0);
    writeFileSync(join(root, 'docs', '.mlsdrc.json'), thinOn);
    clearConfigCache();
    expect(await thinFindings('docs/b.md')).toBeGreaterThan(0);
  });
});
