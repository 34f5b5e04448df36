// mlsd-lint in a hostile repository (issue 11): a repository controls its files, symbolic links and
// config, not the command line. Runs the bundled CLI as a subprocess, the way CI and hooks run it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonFileResult } from '../../server/src/cli/format-json';
import { buildCliBundle, type CliBundle } from './cliBundle';

let bundle: CliBundle;
let root: string;

beforeAll(async () => {
  bundle = await buildCliBundle();
  root = mkdtempSync(join(tmpdir(), 'mlsd-hostile-'));
}, 300_000);

afterAll(() => {
  bundle?.dispose();
  if (root) rmSync(root, { recursive: true, force: true });
});

function run(cwd: string, args: string[]): { status: number; stdout: string; stderr: string } {
  const env = { ...process.env };
  delete env.FORCE_COLOR;
  const result = spawnSync(process.execPath, [bundle.cli, ...args], { cwd, encoding: 'utf8', timeout: 60_000, env });
  if (result.error) throw result.error;
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

function write(file: string, text: string): string {
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, text);
  return file;
}

const RC = '# shell rc\nalias ll="ls -l"\n';
const HOSTILE_SUMMARY = 'Rollout plan_\ntouch /tmp/x\n: _';
const HOSTILE_CONFIG = {
  template: {
    name: 'Team RFC\n# injected',
    sections: [
      { id: 'context', title: 'Context', headings: ['context'], summary: HOSTILE_SUMMARY },
      { id: 'rollout', title: 'Rollout\n- touch /tmp/y\n> quoted', headings: ['rollout'] },
      { id: 'risks', title: 'Risks', headings: ['risks'], skeleton: '# Not a title\n\nWhat can go wrong.\n\n[x]: https://example.com\n\n<!-- mlsd-disable-file -->\n\n```sh\ntouch /tmp/z' },
    ],
  },
};

/** A repository with docs/notes.md linked to a file outside it, and a config with line breaks in its text. */
function hostileRepo(name: string): { repo: string; outside: string; design: string } {
  const base = join(root, name);
  const outside = write(join(base, 'home', '.bashrc'), RC);
  const repo = join(base, 'repo');
  const design = write(join(repo, 'docs', 'design.md'), '# Design\n\nSome text about the system.\n');
  symlinkSync(outside, join(repo, 'docs', 'notes.md'));
  // A linked folder: expansion must not walk into it either.
  mkdirSync(join(base, 'elsewhere'), { recursive: true });
  write(join(base, 'elsewhere', 'other.md'), RC);
  symlinkSync(join(base, 'elsewhere'), join(repo, 'docs', 'linked'));
  write(join(repo, '.mlsdrc.json'), JSON.stringify(HOSTILE_CONFIG, null, 2));
  return { repo, outside, design };
}

describe('--fix in a hostile repository', () => {
  it('does not write through a symbolic link found in a folder, and inserts config text as one line of text', () => {
    const { repo, outside, design } = hostileRepo('dot');
    const result = run(repo, ['--fix', '--format', 'json', '.']);
    expect(readFileSync(outside, 'utf8')).toBe(RC);
    expect(readFileSync(join(root, 'dot', 'elsewhere', 'other.md'), 'utf8')).toBe(RC);
    const results = JSON.parse(result.stdout) as JsonFileResult[];
    // Expansion does not follow links: only the real file is checked.
    expect(results.map((r) => r.file)).toEqual(['docs/design.md']);

    const fixed = readFileSync(design, 'utf8');
    expect(fixed).toContain('## Context');
    const lines = fixed.split('\n');
    // No line of the fixed document starts with a line of the config text.
    for (const injected of ['touch /tmp/x', ': _', '- touch /tmp/y', '> quoted', '# injected', '# Not a title']) {
      expect(lines.filter((line) => line.startsWith(injected))).toEqual([]);
    }
    expect(fixed).not.toMatch(/^\[x\]:/m);
    expect(fixed).not.toContain('<!-- mlsd-disable-file');
    // The skeleton's unclosed fence is closed inside its own section.
    expect((fixed.match(/^```/gm) ?? []).length % 2).toBe(0);
    // The summary is one line, its text intact.
    expect(lines.some((line) => line.includes('Rollout plan') && line.includes('touch /tmp/x'))).toBe(true);
    // And the heading text of the rollout section is one line.
    expect(lines.filter((line) => /^#+ .*Rollout/.test(line))).toHaveLength(1);

    // A second run finds nothing more to fix.
    const before = readFileSync(design, 'utf8');
    run(repo, ['--fix', '.']);
    expect(readFileSync(design, 'utf8')).toBe(before);
  });

  it('checks a symbolic link named on the command line but does not write through it to outside the working folder', () => {
    const { repo, outside } = hostileRepo('named');
    const result = run(repo, ['--fix', '--format', 'json', 'docs/notes.md']);
    expect(readFileSync(outside, 'utf8')).toBe(RC);
    expect(result.status).toBe(2);
    const [file] = JSON.parse(result.stdout) as JsonFileResult[];
    expect(file?.file).toBe('docs/notes.md');
    expect(file?.fixError).toMatch(/not written.*symbolic link/);
    expect(file?.diagnostics.some((d) => d.rule === 'missing-step')).toBe(true);
    expect(result.stderr).toMatch(/docs\/notes\.md: fixes not written/);
    // Nothing of the outside file's content is echoed.
    expect(result.stderr + result.stdout).not.toContain('alias ll');
  });

  it('does not write into a linked folder named inside the working folder', () => {
    const { repo } = hostileRepo('linked-folder');
    run(repo, ['--fix', 'docs/linked']);
    expect(readFileSync(join(root, 'linked-folder', 'elsewhere', 'other.md'), 'utf8')).toBe(RC);
    run(repo, ['--fix', 'docs/linked/other.md']);
    expect(readFileSync(join(root, 'linked-folder', 'elsewhere', 'other.md'), 'utf8')).toBe(RC);
  });

  it('fixes a symbolic link whose real path is inside the working folder, keeping the link', () => {
    const base = join(root, 'inside-link');
    const real = write(join(base, 'docs', 'real.md'), '# Design\n\nText.\n');
    symlinkSync(real, join(base, 'docs', 'alias.md'));
    run(base, ['--fix', 'docs/alias.md']);
    expect(readFileSync(real, 'utf8')).toContain('## ');
    expect(readFileSync(join(base, 'docs', 'alias.md'), 'utf8')).toBe(readFileSync(real, 'utf8'));
  });

  it('fixes a file outside the working folder when it was named on the command line', () => {
    const base = join(root, 'explicit-outside');
    const doc = write(join(base, 'other', 'doc.md'), '# Design\n\nText.\n');
    mkdirSync(join(base, 'cwd'));
    run(join(base, 'cwd'), ['--fix', '../other/doc.md']);
    expect(readFileSync(doc, 'utf8')).toContain('## ');
  });
});

describe('config lookup from the command line', () => {
  it('does not read a config linked to a file outside the repository, nor echo it', () => {
    const base = join(root, 'linked-config');
    const secret = write(join(base, 'secret.txt'), 'root:x:0:0:SECRET-TOKEN-1234567890\n');
    const repo = join(base, 'repo');
    mkdirSync(join(repo, '.git'), { recursive: true });
    write(join(repo, 'docs', 'design.md'), '# Design\n\nText.\n');
    symlinkSync(secret, join(repo, '.mlsdrc.json'));
    // And a config above the repository, which must not apply either.
    write(join(base, '.mlsdrc.json'), JSON.stringify({ rules: { 'missing-step': 'off' } }));
    const result = run(repo, ['--format', 'json', 'docs']);
    expect(result.stdout + result.stderr).not.toMatch(/SECRET|root:x/);
    expect(result.stderr).toMatch(/\.mlsdrc\.json: leads outside the repository/);
    const [file] = JSON.parse(result.stdout) as JsonFileResult[];
    expect(file?.diagnostics.some((d) => d.rule === 'missing-step')).toBe(true);
  });
});

describe('special files named on the command line', () => {
  it('says what a FIFO or a device is and skips it', () => {
    const base = join(root, 'special');
    mkdirSync(base, { recursive: true });
    const fifo = join(base, 'pipe.md');
    const made = spawnSync('mkfifo', [fifo]);
    const args = existsSync('/dev/zero') ? ['/dev/zero'] : [];
    if (made.status === 0) args.push('pipe.md');
    if (args.length === 0) return;
    const result = run(base, args);
    expect(result.status).toBe(2);
    if (args.includes('/dev/zero')) expect(result.stderr).toMatch(/\/dev\/zero: a character device.*skipped/);
    if (args.includes('pipe.md')) expect(result.stderr).toMatch(/pipe\.md: a named pipe \(FIFO\).*skipped/);
    expect(result.stderr).not.toContain('no such file');
  }, 30_000);
});

describe('text output', () => {
  it('escapes control characters of headings and file names', () => {
    const base = join(root, 'escapes');
    write(join(base, 'clear\u001b[2J\nforged.md'), '# T\n\n## Model\u001b]52;c;aGVsbG8=\u0007 x\n\nTBD\n');
    const result = run(base, ['.']);
    expect(result.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(result.stdout).toContain('clear\\x1b[2J\\nforged.md');
    expect(result.stdout).toContain('\\x1b]52;c;aGVsbG8=\\x07');
  });

  it('escapes them in the --report debrief too', () => {
    const base = join(root, 'escapes-report');
    write(join(base, 'doc\u001b[2J.md'), '# Title\u001b]52;c;aGVsbG8=\u0007\n\n## Model\u001b[31m red\n\nBaseline: logistic regression.\n');
    const result = run(base, ['--report', 'doc\u001b[2J.md']);
    expect(result.stdout).toContain('Debrief');
    expect(result.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(result.stdout).toContain('doc\\x1b[2J.md');
  });
});

describe('--fix converges', () => {
  it('inserts sections before an unclosed fence or HTML comment at the end, and a second run changes nothing', () => {
    const base = join(root, 'unclosed');
    const fence = write(join(base, 'fence.md'), '# Design\n\nIntro text.\n\n```python\nprint("never closed")\n');
    const comment = write(join(base, 'comment.md'), '# Design\n\nIntro text.\n\n<!-- a comment that never ends\n\nmore\n');
    const script = write(join(base, 'script.md'), '# Design\n\nIntro text.\n\n<script>\nlet never = "closed";\n');
    run(base, ['--fix', '.']);
    const fixedFence = readFileSync(fence, 'utf8');
    const fixedComment = readFileSync(comment, 'utf8');
    expect(fixedFence.endsWith('```python\nprint("never closed")\n')).toBe(true);
    expect(fixedComment.endsWith('<!-- a comment that never ends\n\nmore\n')).toBe(true);
    expect((fixedFence.match(/^## .*Monitoring/gim) ?? []).length).toBe(1);
    expect((fixedComment.match(/^## .*Monitoring/gim) ?? []).length).toBe(1);
    const fixedScript = readFileSync(script, 'utf8');
    expect(fixedScript.endsWith('<script>\nlet never = "closed";\n')).toBe(true);
    expect((fixedScript.match(/^## .*Monitoring/gim) ?? []).length).toBe(1);
    expect(fixedFence.length).toBeLessThan(20_000);
    run(base, ['--fix', '.']);
    expect(readFileSync(fence, 'utf8')).toBe(fixedFence);
    expect(readFileSync(comment, 'utf8')).toBe(fixedComment);
    expect(readFileSync(script, 'utf8')).toBe(fixedScript);
  });
});
