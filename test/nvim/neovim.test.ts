// Neovim as a second real LSP client (Debian's neovim 0.7.2: `apt-get install -y neovim`).
// Headless Neovim attaches the server to a design doc, sees its diagnostics, edits the buffer
// and sees them update, hovers a heading, and sees no diagnostics on an ordinary README the server did read.
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildServerBundle } from '../lsp/helpers/serverProcess';

function neovimVersion(): string | undefined {
  try {
    return execFileSync('nvim', ['--version'], { encoding: 'utf8' }).split('\n')[0];
  } catch {
    return undefined;
  }
}

interface NeovimDiagnostic {
  lnum: number;
  message: string;
  code?: string;
  source?: string;
}
interface NeovimResult {
  error?: string;
  steps: { attached?: boolean; edited?: boolean };
  initial?: NeovimDiagnostic[];
  after_edit?: NeovimDiagnostic[];
  hover?: string;
  /** Diagrams the server found in the README: proof it has the README open and read it. */
  readme_diagrams?: number;
  readme?: NeovimDiagnostic[];
}

const workspace = mkdtempSync(join(tmpdir(), 'mlsd-nvim-'));
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

describe('Neovim as the LSP client', () => {
  it('attaches the server to a design doc and sees its diagnostics', async () => {
    // Fail loudly rather than skip: a missing client would otherwise pass silently in CI.
    expect(neovimVersion(), 'nvim not found: apt-get install -y neovim').toMatch(/^NVIM v0\.\d+/);
    const server = await buildServerBundle();
    mkdirSync(join(workspace, 'design-docs'));
    const doc = join(workspace, 'design-docs', 'eta.md');
    copyFileSync(join(__dirname, '..', 'lsp', 'fixtures', 'partial.design.md'), doc);
    // The design doc's text with a diagram (which the server lists for any Markdown file), but not
    // under the design-doc globs: no diagnostics.
    const readme = join(workspace, 'README.md');
    writeFileSync(readme, `${readFileSync(join(__dirname, '..', 'lsp', 'fixtures', 'partial.design.md'), 'utf8')}\n\`\`\`mermaid\nflowchart LR\n  request --> model\n\`\`\`\n`);
    const out = join(workspace, 'result.json');
    const state = join(workspace, 'nvim-state');

    const child = spawn('nvim', ['--headless', '-n', '-i', 'NONE', '-u', 'NONE', '-c', `luafile ${join(__dirname, 'check.lua')}`], {
      cwd: workspace,
      env: {
        ...process.env,
        MLSD_SERVER: server,
        MLSD_DOC: doc,
        MLSD_README: readme,
        MLSD_OUT: out,
        // Keep Neovim's log, shada and swap files out of the home folder.
        XDG_CACHE_HOME: state,
        XDG_STATE_HOME: state,
        XDG_DATA_HOME: state,
        XDG_CONFIG_HOME: state,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => {
        // Kill Neovim and the server it started (one process group).
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      }, 30_000);
      child.once('exit', (exitCode) => {
        clearTimeout(timer);
        resolve(exitCode);
      });
    });
    expect(code, output).toBe(0);
    const result = JSON.parse(readFileSync(out, 'utf8')) as NeovimResult;
    expect(result.error).toBeUndefined();

    expect(result.steps.attached).toBe(true);
    const initialCodes = result.initial!.map((d) => d.code);
    expect(initialCodes).toEqual(expect.arrayContaining(['missing-step', 'metric-gap']));
    // Serving is missing: its finding stands for the latency budget too (one place, one finding).
    expect(result.initial!.some((d) => d.code === 'missing-step' && d.message.includes('"Deployment and serving"'))).toBe(true);
    expect(initialCodes).not.toContain('latency-budget');
    expect(result.initial!.every((d) => d.source === 'mlsd')).toBe(true);
    // "## Evaluation" is line 24 (zero-based) of the fixture: where the metric-gap finding belongs.
    expect(result.initial!.find((d) => d.code === 'metric-gap')?.lnum).toBe(24);

    expect(result.steps.edited).toBe(true);
    expect(result.after_edit!.map((d) => d.code)).not.toContain('latency-budget');
    expect(result.after_edit!.some((d) => d.code === 'missing-step' && d.message.includes('Deployment and serving'))).toBe(false);
    expect(result.after_edit!.map((d) => d.code)).toContain('metric-gap');

    expect(result.hover).toContain('Step 5 of 7');
    expect(result.readme_diagrams).toBe(1);
    expect(result.readme).toEqual([]);
  }, 60_000);
});
