// Neovim as a second real LSP client (Debian's neovim 0.7.2: `apt-get install -y neovim`).
// Headless Neovim attaches the server to a design doc, sees its diagnostics, edits the buffer
// and sees them update, hovers a heading, and sees no diagnostics on an ordinary README the server did read.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildServerBundle } from '../lsp/helpers/serverProcess';
import { neovimVersion, runNeovimCheck } from './runCheck';

const workspace = mkdtempSync(join(tmpdir(), 'mlsd-nvim-'));
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

describe('Neovim as the LSP client', () => {
  it('attaches the server to a design doc and sees its diagnostics', async () => {
    // Fail loudly rather than skip: a missing client would otherwise pass silently in CI.
    expect(neovimVersion(), 'nvim not found: apt-get install -y neovim').toMatch(/^NVIM v0\.\d+/);
    const server = await buildServerBundle();
    const { code, output, result: checked } = await runNeovimCheck(workspace, server);
    expect(code, output).toBe(0);
    const result = checked!;
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
