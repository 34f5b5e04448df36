// The npm package `mlsd-lint` (server/package.json) as users get it: staged and packed the way
// `npm pack` in server/ does (its prepack runs scripts/build.mjs --server-package), installed into an
// empty project with no dev dependency, and both bins run from there. Then the two CI entry points
// built on it: the pre-commit hook (.pre-commit-hooks.yaml) on staged files in a temporary git
// repository, and the GitHub Action's entry point (action.yml -> action/run.mjs) installing the tarball.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { LspTestClient } from '../lsp/helpers/serverProcess';
import { neovimVersion, runNeovimCheck } from '../nvim/runCheck';

const repoRoot = resolve(__dirname, '..', '..');
const rootManifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const THIN_DOC = `# Feed ranking design

## Clarify requirements

We rank posts for the home feed.
`;

const COMPLETE_DOC = `# Video recommendation

## 1. Clarify requirements

Business objective: more watch time for 10M daily users at 5k QPS. Which regions? We assume a year of logs are available.

## 2. Frame the problem as an ML task

Predict the probability of a click; input: user and item features; output: a score. Learning to rank.

## 3. Data preparation

- Logs in the data lake (batch) and events through Kafka (streaming); labels from clicks, negatives sampled.

## 4. Model development

Baseline: logistic regression, then a two-tower model and a ranker; cross-entropy loss; retrained daily.

## 5. Evaluation

| Offline | Online |
| --- | --- |
| AUC, NDCG@10 | CTR in an A/B test |

Offline and online disagree because of position bias in the logs.

## 6. Deployment and serving

Online prediction; p99 < 200 ms end to end, ranking 100 ms.

\`\`\`mermaid
flowchart LR
  Client --> Candidates[Candidate generation] --> Ranker --> Client
\`\`\`

## 7. Monitoring

Data drift, prediction drift, alerts and retraining triggers.
`;

let work: string;
let tarball: string;
let packedFiles: string[];
let project: string;

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 120_000, env: { ...process.env, NO_COLOR: '1', ...env } });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'mlsd-package-'));
  // What `npm pack` in server/ does (its prepack stages the package there), in a folder of the test's own.
  // Run from the package folder with DIR ".", as server/'s prepack runs it (`node ../scripts/build.mjs --server-package .`).
  const stage = join(work, 'stage');
  mkdirSync(stage);
  execFileSync(process.execPath, [join(repoRoot, 'scripts/build.mjs'), '--server-package', '.'], { cwd: stage, stdio: 'pipe', timeout: 240_000 });
  const packed = JSON.parse(execFileSync(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: stage, encoding: 'utf8' })) as {
    filename: string;
    files: { path: string }[];
  }[];
  tarball = join(work, packed[0]!.filename);
  packedFiles = packed[0]!.files.map((file) => file.path).sort();

  project = join(work, 'project');
  mkdirSync(join(project, 'docs'), { recursive: true });
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'docs-repo', version: '1.0.0', private: true }, null, 2));
  writeFileSync(join(project, 'docs', 'feed.design.md'), THIN_DOC);
  writeFileSync(join(project, 'docs', 'video.design.md'), COMPLETE_DOC);
  // No registry needed: the package has no dependencies.
  const installed = run(npm, ['install', '--no-audit', '--no-fund', '--offline', tarball], project);
  expect(installed.status, installed.stderr).toBe(0);
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the npm package', () => {
  it('has the version of the root package.json, the one place it is set', () => {
    const server = JSON.parse(readFileSync(join(repoRoot, 'server/package.json'), 'utf8')) as { version: string; name: string; bin: Record<string, string> };
    expect(server.name).toBe('mlsd-lint');
    expect(server.version).toBe(rootManifest.version);
    expect(Object.keys(server.bin).sort()).toEqual(['mlsd-language-server', 'mlsd-lint']);
    expect(tarball.endsWith(`mlsd-lint-${rootManifest.version}.tgz`)).toBe(true);
  });

  it('packs the two bins, the bundles, the rule pages, README and licence, and no source, map or dependency', () => {
    for (const file of [
      'package.json',
      'README.md',
      'LICENSE',
      'bin/mlsd-lint.js',
      'bin/mlsd-language-server.js',
      'dist/cli.js',
      'dist/cli-main.js',
      'dist/server.js',
      'dist/mermaid-worker/worker.mjs',
      'docs/rules/missing-step.md',
    ]) {
      expect(packedFiles, file).toContain(file);
    }
    expect(packedFiles.filter((file) => /\.(ts|map)$/.test(file) || file.includes('node_modules'))).toEqual([]);
    expect(
      packedFiles.filter((file) => !/^(package\.json|README\.md|LICENSE|bin\/[^/]+\.js|dist\/(cli|cli-main|server)\.js|dist\/mermaid-worker\/[^/]+\.mjs|docs\/rules\/[^/]+\.md)$/.test(file)),
    ).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(project, 'node_modules/mlsd-lint/package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(statSync(tarball).size).toBeLessThan(3 * 1024 * 1024);
  });

  it('installs into an empty project as one package, with no dev dependency', () => {
    expect(readdirSync(join(project, 'node_modules')).filter((name) => !name.startsWith('.'))).toEqual(['mlsd-lint']);
    expect(existsSync(join(project, 'node_modules/.bin/mlsd-lint'))).toBe(true);
    expect(existsSync(join(project, 'node_modules/.bin/mlsd-language-server'))).toBe(true);
  });

  it('runs `npx mlsd-lint docs/`', () => {
    const text = run(npm, ['exec', '--offline', '--', 'mlsd-lint', 'docs/'], project);
    expect(text.stderr).toBe('');
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('docs/feed.design.md');
    expect(text.stdout).toContain('docs/video.design.md');
    expect(text.stdout).toMatch(/readiness \d+\/100/);

    const json = run(npm, ['exec', '--offline', '--', 'mlsd-lint', '--format', 'json', '--max-warnings', '0', 'docs/'], project);
    expect(json.status).toBe(1);
    const results = JSON.parse(json.stdout) as { file: string; diagnostics: { rule: string }[] }[];
    expect(results.map((r) => r.file)).toEqual(['docs/feed.design.md', 'docs/video.design.md']);
    expect(results[0]!.diagnostics.map((d) => d.rule)).toContain('missing-step');
    expect(run(npm, ['exec', '--offline', '--', 'mlsd-lint', '--version'], project).stdout.trim()).toBe(rootManifest.version);
  }, 120_000);

  it('validates mermaid with the worker it ships', () => {
    writeFileSync(join(project, 'broken.md'), `${COMPLETE_DOC}\n\`\`\`mermaid\nflowchart LR\n  A -->\n  this is not mermaid ]]]\n\`\`\`\n`);
    const json = run(process.execPath, [join(project, 'node_modules/.bin/mlsd-lint'), '--format', 'json', 'broken.md'], project);
    const [result] = JSON.parse(json.stdout) as { diagnostics: { rule: string }[]; error?: string }[];
    expect(result!.error).toBeUndefined();
    expect(result!.diagnostics.map((d) => d.rule)).toContain('mermaid-syntax');
  }, 120_000);

  it('runs `npx mlsd-language-server --stdio` as an LSP server', async () => {
    const client = await LspTestClient.start({ serverBundle: join(project, 'node_modules/.bin/mlsd-language-server'), workspaceFolder: pathToFileURL(project).href });
    try {
      expect(client.initializeResult?.serverInfo?.version).toBe(rootManifest.version);
      const uri = pathToFileURL(join(project, 'docs', 'feed.design.md')).href;
      await client.open(uri, THIN_DOC);
      const published = await client.waitForDiagnostics((params) => params.uri === uri && params.diagnostics.length > 0);
      expect(published.diagnostics.map((d) => d.code)).toContain('missing-step');
    } finally {
      await client.stop();
    }
    // And through npx, as the README's editor recipes start it.
    const child = spawn(npm, ['exec', '--offline', '--', 'mlsd-language-server', '--stdio'], { cwd: project, stdio: 'pipe' });
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
    child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    let out = '';
    await new Promise<void>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`no initialize result from npx mlsd-language-server: ${out}`)), 20_000);
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (/"id":1,"result":\{"capabilities"/.test(out)) {
          clearTimeout(timer);
          done();
        }
      });
    });
    child.kill();
  }, 120_000);
});

describe('Neovim with the installed language server', () => {
  it('attaches the packaged mlsd-language-server to a design doc, headless (test/nvim/check.lua)', async () => {
    expect(neovimVersion(), 'nvim not found: apt-get install -y neovim').toMatch(/^NVIM v0\.\d+/);
    // check.lua starts `node MLSD_SERVER --stdio`: here the bin npm linked for the package.
    const { code, output, result: checked } = await runNeovimCheck(join(work, 'nvim'), join(project, 'node_modules/.bin/mlsd-language-server'));
    expect(code, output).toBe(0);
    const result = checked!;
    expect(result.error).toBeUndefined();
    expect(result.steps.attached).toBe(true);
    expect(result.initial!.map((d) => d.code)).toEqual(expect.arrayContaining(['missing-step', 'metric-gap']));
    expect(result.hover).toContain('Step 5 of 7');
    expect(result.readme).toEqual([]);
  }, 60_000);
});

describe('the pre-commit hook', () => {
  const hooks = parseYaml(readFileSync(join(repoRoot, '.pre-commit-hooks.yaml'), 'utf8')) as Record<string, unknown>[];
  const hook = hooks.find((h) => h.id === 'mlsd-lint')!;

  it('is declared as a node hook on Markdown files', () => {
    expect(hook).toBeDefined();
    expect(hook.language).toBe('node');
    expect(hook.types).toEqual(['markdown']);
    expect(hook.entry).toBe('mlsd-lint');
  });

  it('is installable the way pre-commit installs it: `npm pack` of the repository ships the bin and its bundles', () => {
    // pre-commit runs `npm install` (the root postinstall builds dist/ when NODE_VIRTUAL_ENV is set, as
    // pre-commit sets it), then `npm pack`, whose standard output must be the tarball's name alone (no
    // prepack or prepare: npm prints their banners there), then `npm install -g` of that tarball.
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { bin: Record<string, string>; scripts: Record<string, string> };
    expect(manifest.bin['mlsd-lint']).toBe('./bin/mlsd-lint.js');
    expect(manifest.scripts.prepack).toBeUndefined();
    expect(manifest.scripts.prepare).toBeUndefined();
    expect(manifest.scripts.postinstall).toMatch(/NODE_VIRTUAL_ENV.*scripts\/build\.mjs/);
    // The repository's own files decide what goes in; dist/ is laid out as a build leaves it, in a
    // copy (other builds may be rewriting the real dist/ meanwhile).
    const copy = join(work, 'root-pack');
    const put = (file: string, content: string | Buffer = '') => {
      mkdirSync(join(copy, file, '..'), { recursive: true });
      writeFileSync(join(copy, file), content);
    };
    for (const file of ['package.json', '.npmignore', 'README.md', 'LICENSE', 'bin/mlsd-lint.js', 'bin/mlsd-language-server.js', 'server/package.json']) put(file, readFileSync(join(repoRoot, file)));
    for (const file of [
      'dist/cli.js',
      'dist/cli-main.js',
      'dist/cli-main.js.map',
      'dist/server.js',
      'dist/client.js',
      'dist/bench.js',
      'dist/mermaid-worker/worker.mjs',
      'dist/mermaid-worker/worker.mjs.map',
      'dist/webview/preview.js',
      'docs/rules/missing-step.md',
      'docs/judgment.md',
      'client/src/extension.ts',
      'server/src/cli/main.ts',
      'test/cli/cli.test.ts',
      'scripts/build.mjs',
      'templates/generic.md',
      'node_modules/yaml/index.js',
    ])
      put(file);
    const [packed] = JSON.parse(execFileSync(npm, ['pack', '--dry-run', '--ignore-scripts', '--json'], { cwd: copy, encoding: 'utf8' })) as { files: { path: string }[] }[];
    expect(packed!.files.map((file) => file.path).sort()).toEqual(
      [
        'LICENSE',
        'README.md',
        'bin/mlsd-language-server.js',
        'bin/mlsd-lint.js',
        'dist/cli.js',
        'dist/cli-main.js',
        'dist/mermaid-worker/worker.mjs',
        'dist/server.js',
        'docs/rules/missing-step.md',
        'package.json',
      ].sort(),
    );
  }, 120_000);

  it('runs its entry on the staged Markdown files of a repository, as pre-commit does', () => {
    const repo = join(work, 'hook-repo');
    mkdirSync(join(repo, 'docs'), { recursive: true });
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });
    git('init', '-q');
    writeFileSync(join(repo, 'docs', 'feed.design.md'), THIN_DOC);
    writeFileSync(join(repo, 'docs', 'video.design.md'), COMPLETE_DOC);
    writeFileSync(join(repo, 'docs', 'notes.txt'), 'not markdown\n');
    writeFileSync(join(repo, 'docs', 'unstaged.md'), THIN_DOC);
    git('add', 'docs/feed.design.md', 'docs/video.design.md', 'docs/notes.txt');

    // pre-commit passes the staged files its `types` select (identify: .md and .markdown are markdown)
    // and the hook's and the user's `args` before them; the entry is found on the environment's PATH.
    const staged = git('diff', '--cached', '--name-only', '--diff-filter=ACMR').split('\n').filter(Boolean);
    const selected = staged.filter((file) => /\.(md|markdown|mdown|mkdn)$/.test(file));
    expect(selected).toEqual(['docs/feed.design.md', 'docs/video.design.md']);
    const env = { PATH: `${join(project, 'node_modules/.bin')}${delimiter}${process.env.PATH}` };
    const hookArgs = (hook.args as string[] | undefined) ?? [];

    const failing = run(hook.entry as string, [...hookArgs, '--max-warnings', '0', ...selected], repo, env);
    expect(failing.status).toBe(1);
    expect(failing.stdout).toContain('docs/feed.design.md');
    expect(failing.stdout).not.toContain('unstaged.md');

    // The thin doc answered: the commit may go ahead.
    writeFileSync(join(repo, 'docs', 'feed.design.md'), COMPLETE_DOC);
    git('add', 'docs/feed.design.md');
    const passing = run(hook.entry as string, [...hookArgs, '--max-warnings', '0', ...selected], repo, env);
    expect(passing.stdout).toContain('2 files checked; 0 errors, 0 warnings');
    expect(passing.status).toBe(0);
  }, 120_000);
});

describe('the GitHub Action', () => {
  const action = parseYaml(readFileSync(join(repoRoot, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>;
    outputs: Record<string, unknown>;
    runs: { using: string; steps: { run?: string; env?: Record<string, string> }[] };
  };

  it('declares the inputs and passes each to the entry point', () => {
    expect(Object.keys(action.inputs).sort()).toEqual(['config', 'format', 'max-warnings', 'paths', 'sarif-file', 'version']);
    expect(Object.keys(action.outputs).sort()).toEqual(['exit-code', 'sarif-file']);
    expect(action.runs.using).toBe('composite');
    const step = action.runs.steps.find((s) => s.run?.includes('action/run.mjs'))!;
    expect(step).toBeDefined();
    const entry = readFileSync(join(repoRoot, 'action/run.mjs'), 'utf8');
    for (const [name, value] of Object.entries(step.env!)) {
      expect(value).toMatch(/^\$\{\{ inputs\.[a-z-]+ \}\}$/);
      expect(entry, `action/run.mjs reads ${name}`).toContain(name);
    }
    expect(
      Object.values(step.env!)
        .map((value) => /inputs\.([a-z-]+)/.exec(value)![1])
        .sort(),
    ).toEqual(Object.keys(action.inputs).sort());
  });

  it('turns the inputs into an mlsd-lint command line', async () => {
    const { actionArguments } = (await import(pathToFileURL(join(repoRoot, 'action/run.mjs')).href)) as {
      actionArguments(env: Record<string, string>): { args?: string[]; sarifFile?: string; error?: string };
    };
    expect(actionArguments({ MLSD_PATHS: 'docs\n"design/**/*.md" README.md', MLSD_MAX_WARNINGS: '0', MLSD_CONFIG: '.mlsdrc.json', MLSD_FORMAT: '', MLSD_SARIF_FILE: 'out.sarif' }).args).toEqual([
      '--format',
      'github',
      '--config',
      '.mlsdrc.json',
      '--max-warnings',
      '0',
      '--sarif-file',
      'out.sarif',
      '--',
      'docs',
      '"design/**/*.md"',
      'README.md',
    ]);
    expect(actionArguments({ MLSD_PATHS: 'docs', MLSD_SARIF_FILE: '' }).args).toEqual(['--format', 'github', '--', 'docs']);
    expect(actionArguments({ MLSD_PATHS: '  ' }).error).toMatch(/paths input is empty/);
    expect(actionArguments({ MLSD_PATHS: 'docs', MLSD_FORMAT: 'html' }).error).toMatch(/format input/);
    expect(actionArguments({ MLSD_PATHS: 'docs', MLSD_MAX_WARNINGS: 'none' }).error).toMatch(/max-warnings/);
  });

  it('installs the packaged CLI, annotates the findings, writes SARIF and sets its outputs', () => {
    const outputs = join(work, 'github-output');
    writeFileSync(outputs, '');
    const runnerTemp = join(work, 'runner-temp');
    mkdirSync(runnerTemp, { recursive: true });
    const result = run(process.execPath, [join(repoRoot, 'action/run.mjs')], project, {
      GITHUB_OUTPUT: outputs,
      RUNNER_TEMP: runnerTemp,
      MLSD_PACKAGE: tarball,
      MLSD_PATHS: 'docs',
      MLSD_FORMAT: 'github',
      MLSD_MAX_WARNINGS: '0',
      MLSD_SARIF_FILE: 'mlsd-lint.sarif',
      npm_config_offline: 'true',
    });
    expect(existsSync(join(runnerTemp, 'mlsd-lint-action/node_modules/mlsd-lint/bin/mlsd-lint.js'))).toBe(true);
    expect(result.stdout).toMatch(/^::warning file=docs\/feed\.design\.md,line=\d+,endLine=\d+,col=\d+,endColumn=\d+,title=mlsd-lint missing-step::/m);
    expect(result.status).toBe(1);
    const sarif = JSON.parse(readFileSync(join(project, 'mlsd-lint.sarif'), 'utf8')) as { version: string; runs: { results: { ruleId: string }[] }[] };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.results.map((r) => r.ruleId)).toContain('missing-step');
    expect(readFileSync(outputs, 'utf8')).toBe('sarif-file=mlsd-lint.sarif\nexit-code=1\n');
  }, 120_000);
});
