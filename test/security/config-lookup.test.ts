// Config lookup in a hostile repository (issue 11, item 11): it stops at the repository root (or the
// folder checked), follows no symbolic link out of it, and echoes nothing of a file outside.
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { clearConfigCache, configLookupBoundary, loadConfigFile, loadConfigForFile } from '../../server/src/engine/config';

const root = mkdtempSync(join(tmpdir(), 'mlsd-config-lookup-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
beforeEach(() => clearConfigCache());

function write(relative: string, text: string): string {
  const file = join(root, relative);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, text);
  return file;
}

const SECRET = 'root:x:0:0:SECRET-TOKEN-1234567890:/root:/bin/bash\n';
const OFF = JSON.stringify({ rules: { 'missing-step': 'off' } });

describe('config lookup boundary', () => {
  it('does not apply a config above the repository root', () => {
    write('home/.mlsdrc.json', OFF);
    mkdirSync(join(root, 'home/repo/.git'), { recursive: true });
    const doc = write('home/repo/docs/doc.md', '# Doc\n');
    expect(configLookupBoundary(doc)).toBe(join(root, 'home/repo'));
    const loaded = loadConfigForFile(doc);
    expect(loaded.configFile).toBeUndefined();
    expect(loaded.config.rules).toEqual({});
    // Inside the repository, the nearest config still applies.
    write('home/repo/.mlsdrc.json', OFF);
    clearConfigCache();
    expect(loadConfigForFile(doc).configFile).toBe(join(root, 'home/repo/.mlsdrc.json'));
  });

  it('outside a repository, stops at the folder given', () => {
    write('plain/.mlsdrc.json', OFF);
    const doc = write('plain/checked/docs/doc.md', '# Doc\n');
    expect(loadConfigForFile(doc, { stopAt: [join(root, 'plain/checked')] }).configFile).toBeUndefined();
    expect(loadConfigForFile(doc, { stopAt: [join(root, 'plain')] }).configFile).toBe(join(root, 'plain/.mlsdrc.json'));
  });

  it('does not follow a config that is a symbolic link out of the repository, and echoes nothing of its target', () => {
    const secret = write('outside/secret.txt', SECRET);
    mkdirSync(join(root, 'linked/repo/.git'), { recursive: true });
    symlinkSync(secret, join(root, 'linked/repo/.mlsdrc.json'));
    const doc = write('linked/repo/docs/doc.md', '# Doc\n');
    const loaded = loadConfigForFile(doc);
    expect(loaded.configFile).toBeUndefined();
    expect(loaded.problems).toHaveLength(1);
    expect(loaded.problems[0]!.message).toMatch(/symbolic link.*not read/);
    expect(JSON.stringify(loaded.problems)).not.toMatch(/SECRET|root:x/);
  });

  it('does not read a config through a linked folder that leads out of the repository', () => {
    write('elsewhere/.mlsdrc.yaml', 'rules:\n  missing-step: off\n');
    mkdirSync(join(root, 'viafolder/repo/.git'), { recursive: true });
    mkdirSync(join(root, 'viafolder/repo/docs'), { recursive: true });
    symlinkSync(join(root, 'elsewhere'), join(root, 'viafolder/repo/docs/linked'));
    write('elsewhere/doc.md', '# Doc\n');
    const loaded = loadConfigForFile(join(root, 'viafolder/repo/docs/linked/doc.md'));
    expect(loaded.config.rules).toEqual({});
  });

  it('follows a config linked to a file inside the repository', () => {
    mkdirSync(join(root, 'shared/repo/.git'), { recursive: true });
    write('shared/repo/config/mlsd.json', OFF);
    mkdirSync(join(root, 'shared/repo/docs'), { recursive: true });
    symlinkSync(join(root, 'shared/repo/config/mlsd.json'), join(root, 'shared/repo/docs/.mlsdrc.json'));
    const loaded = loadConfigForFile(write('shared/repo/docs/doc.md', '# Doc\n'));
    expect(loaded.problems).toEqual([]);
    expect(loaded.config.rules).toEqual({ 'missing-step': { severity: 'off' } });
  });

  it('reports invalid JSON without quoting the file', () => {
    const doc = write('badjson/doc.md', '# Doc\n');
    write('badjson/.mlsdrc.json', SECRET);
    const loaded = loadConfigForFile(doc);
    expect(loaded.problems[0]!.message).toMatch(/^invalid JSON/);
    expect(JSON.stringify(loaded.problems)).not.toMatch(/SECRET|root:x/);
  });

  it('does not read a config that is a pipe or a device (--config /dev/zero)', () => {
    if (!existsSync('/dev/zero')) return;
    const started = performance.now();
    const loaded = loadConfigFile('/dev/zero');
    expect(performance.now() - started).toBeLessThan(2000);
    expect(loaded.problems[0]!.message).toMatch(/not a regular file/);
  });

  it('skips a package.json over 1 MB as not a config, and finds the config above it', () => {
    mkdirSync(join(root, 'bigpkg/.git'), { recursive: true });
    write('bigpkg/.mlsdrc.json', OFF);
    write('bigpkg/app/package.json', JSON.stringify({ name: 'app', pad: 'x'.repeat(1_100_000) }));
    const loaded = loadConfigForFile(write('bigpkg/app/doc.md', '# Doc\n'));
    expect(loaded.problems).toEqual([]);
    expect(loaded.configFile).toBe(join(root, 'bigpkg/.mlsdrc.json'));
  });
});
