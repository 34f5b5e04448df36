// Runs test/nvim/check.lua in headless Neovim against a language server: the design doc fixture
// under design-docs/ and a README with a diagram, in `workspace`. Shared by the Neovim test (the
// server built from source) and the package test (the installed `mlsd-language-server`).
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface NeovimDiagnostic {
  lnum: number;
  message: string;
  code?: string;
  source?: string;
}
export interface NeovimResult {
  error?: string;
  steps: { attached?: boolean; edited?: boolean };
  initial?: NeovimDiagnostic[];
  after_edit?: NeovimDiagnostic[];
  hover?: string;
  /** Diagrams the server found in the README: proof it has the README open and read it. */
  readme_diagrams?: number;
  readme?: NeovimDiagnostic[];
}

/** `nvim --version`'s first line, or undefined when Neovim is not installed. */
export function neovimVersion(): string | undefined {
  try {
    return execFileSync('nvim', ['--version'], { encoding: 'utf8' }).split('\n')[0];
  } catch {
    return undefined;
  }
}

/** Runs check.lua with `server` (a script check.lua starts as `node SERVER --stdio`); Neovim's exit code, its output and its result. */
export async function runNeovimCheck(workspace: string, server: string): Promise<{ code: number | null; output: string; result?: NeovimResult }> {
  const fixture = readFileSync(join(__dirname, '..', 'lsp', 'fixtures', 'partial.design.md'), 'utf8');
  mkdirSync(join(workspace, 'design-docs'), { recursive: true });
  const doc = join(workspace, 'design-docs', 'eta.md');
  writeFileSync(doc, fixture);
  // The design doc's text with a diagram (which the server lists for any Markdown file), but not
  // under the design-doc globs: no diagnostics.
  const readme = join(workspace, 'README.md');
  writeFileSync(readme, `${fixture}\n\`\`\`mermaid\nflowchart LR\n  request --> model\n\`\`\`\n`);
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
    // Kill Neovim and the server it started (one process group).
    const timer = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), 30_000);
    child.once('exit', (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
  let result: NeovimResult | undefined;
  try {
    result = JSON.parse(readFileSync(out, 'utf8')) as NeovimResult;
  } catch {
    result = undefined; // Neovim failed before writing it: the exit code and output say why
  }
  return { code, output, result };
}
