// How --fix writes (issue 11, item 6), checked in-process through the CLI's own lintOneFile: a file
// edited while it is being checked is not overwritten, the write replaces the file in one rename
// (no temporary file left behind, mode kept), and a linked file is written where it really is.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lintOneFile } from '../../server/src/cli/lint-file';
import { clearConfigCache } from '../../server/src/engine/config';
import { createEngine, type Engine } from '../../server/src/engine/engine';

const root = realpathSync(mkdtempSync(join(tmpdir(), 'mlsd-fix-write-')));
afterAll(() => rmSync(root, { recursive: true, force: true }));
// No mermaid diagram is inserted: these tests are about writing, not diagrams.
writeFileSync(join(root, '.mlsdrc.json'), JSON.stringify({ rules: { 'architecture-diagram': 'off' } }));

const engine = createEngine();
const DOC = '# Design\n\nSome text about the system.\n';

/** An engine that runs `during` once, on its first lint, the way an editor saves while --fix runs. */
function engineThat(during: () => void): Engine {
  let done = false;
  return {
    rules: engine.rules,
    parse: (text, config) => engine.parse(text, config),
    cacheStats: () => engine.cacheStats(),
    lint: async (text, options) => {
      if (!done) {
        done = true;
        during();
      }
      return engine.lint(text, options);
    },
  };
}

describe('--fix writing', () => {
  it('does not overwrite an edit saved while the file was being checked, and says so', async () => {
    clearConfigCache();
    const file = join(root, 'edited.md');
    writeFileSync(file, DOC);
    const edited = `${DOC}\nA paragraph the writer saved meanwhile.\n`;
    const response = await lintOneFile(
      engineThat(() => writeFileSync(file, edited)),
      { path: file, cwd: root, fix: true, writeRoots: [root] },
    );
    expect(readFileSync(file, 'utf8')).toBe(edited);
    expect(response.report.fixError).toMatch(/changed on disk while it was being checked/);
    expect(response.report.fixedCount).toBe(0);
  });

  it('writes through a rename: same mode, no temporary file left, a link inside the roots kept as a link', async () => {
    clearConfigCache();
    const dir = join(root, 'rename');
    mkdirSync(dir);
    const real = join(dir, 'real.md');
    writeFileSync(real, DOC);
    chmodSync(real, 0o640);
    symlinkSync(real, join(dir, 'alias.md'));
    const response = await lintOneFile(engine, { path: join(dir, 'alias.md'), cwd: root, fix: true, writeRoots: [root] });
    expect(response.report.fixError).toBeUndefined();
    expect(response.report.fixedCount).toBeGreaterThan(0);
    expect(readFileSync(real, 'utf8')).toContain('## ');
    expect(statSync(real).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir).sort()).toEqual(['alias.md', 'real.md']);
    expect(readFileSync(join(dir, 'alias.md'), 'utf8')).toBe(readFileSync(real, 'utf8'));
  });

  it('does not replace a read-only file', async () => {
    clearConfigCache();
    const file = join(root, 'read-only.md');
    writeFileSync(file, DOC);
    chmodSync(file, 0o444);
    const response = await lintOneFile(engine, { path: file, cwd: root, fix: true, writeRoots: [root] });
    expect(readFileSync(file, 'utf8')).toBe(DOC);
    expect(response.report.fixError).toMatch(/read-only/);
  });

  it('reports the file as it is on disk when the fixes are not written', async () => {
    clearConfigCache();
    const outside = realpathSync(mkdtempSync(join(tmpdir(), 'mlsd-fix-outside-')));
    try {
      const target = join(outside, 'target.md');
      writeFileSync(target, DOC);
      symlinkSync(target, join(root, 'escape.md'));
      const response = await lintOneFile(engine, { path: join(root, 'escape.md'), cwd: root, fix: true, writeRoots: [root] });
      expect(readFileSync(target, 'utf8')).toBe(DOC);
      expect(response.report.fixError).toMatch(/symbolic link/);
      expect(response.report.findings.some((finding) => finding.ruleId === 'missing-step')).toBe(true);
      expect(response.report.fixableCount).toBeGreaterThan(0);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
