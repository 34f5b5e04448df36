// The mlsd-lint command: argument handling, linting each file, output and the exit code.
// Every file is checked even when others fail; the exit code is decided at the end (see USAGE).
import { existsSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import packageJson from '../../../package.json';
import { ALL_RULES, createEngine, type Engine, type Finding, type LintResult, type ResolvedConfig } from '../engine';
import { applyEdits, collectAutoFixes } from '../engine/fixes';
import { formatConfigProblem, loadConfigFile, loadConfigForFile, type LoadedConfig } from '../engine/config';
import { parseCliArgs, USAGE, type CliOptions } from './args';
import { displayPath, expandInputs, readDocument } from './files';
import { formatJson } from './format-json';
import { formatSarif, type SarifToolInfo } from './format-sarif';
import { formatText, paletteFor, shouldUseColor } from './format-text';
import { countBySeverity, type FileReport, type RunReport } from './report';

/** --fix re-lints after each round; fixes can enable others, but never loop forever. */
const MAX_FIX_PASSES = 10;

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE_OR_IO = 2;

export interface CliIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCliArgs(argv);
  if ('error' in parsed) {
    io.stderr.write(`mlsd-lint: ${parsed.error}\n\n${USAGE}`);
    return EXIT_USAGE_OR_IO;
  }
  const options = parsed.options;
  if (options.help) {
    io.stdout.write(USAGE);
    return EXIT_OK;
  }
  if (options.version) {
    io.stdout.write(`${packageJson.version}\n`);
    return EXIT_OK;
  }

  if (options.config !== undefined && !existsSync(resolve(io.cwd, options.config))) {
    io.stderr.write(`mlsd-lint: --config: no such file: ${options.config}\n`);
    return EXIT_USAGE_OR_IO;
  }
  const run = await lintInputs(options, io);
  const errorColors = paletteFor(shouldUseColor(io.stderr, io.env));
  for (const problem of run.configProblems) io.stderr.write(`${errorColors.yellow('config')} ${problem}\n`);
  for (const problem of run.inputProblems) io.stderr.write(`${errorColors.red('error')} ${problem.file}: ${problem.message}\n`);
  for (const report of run.files) if (report.error !== undefined) io.stderr.write(`${errorColors.red('error')} ${report.displayPath}: ${report.error}\n`);

  if (options.format === 'json') io.stdout.write(formatJson(run));
  else if (options.format === 'sarif') io.stdout.write(formatSarif(run, ALL_RULES, sarifToolInfo(), io.cwd));
  else io.stdout.write(formatText(run, paletteFor(shouldUseColor(io.stdout, io.env))));

  return exitCode(run, options);
}

export function exitCode(run: RunReport, options: Pick<CliOptions, 'maxWarnings'>): number {
  const incomplete = run.inputProblems.length > 0 || run.configProblems.length > 0 || run.files.some((report) => report.error !== undefined);
  if (incomplete) return EXIT_USAGE_OR_IO;
  const counts = countBySeverity(run.files.flatMap((report) => report.findings));
  if (counts.error > 0) return EXIT_FINDINGS;
  if (options.maxWarnings !== undefined && counts.warning > options.maxWarnings) return EXIT_FINDINGS;
  return EXIT_OK;
}

async function lintInputs(options: CliOptions, io: CliIo): Promise<RunReport> {
  const { files, problems: inputProblems } = expandInputs(options.inputs, io.cwd);
  const engine = createEngine();
  const configProblems = new Set<string>();
  const explicitConfig = options.config !== undefined ? loadConfigFile(resolve(io.cwd, options.config)) : undefined;

  const reports: FileReport[] = [];
  for (const path of files) {
    const loaded: LoadedConfig = explicitConfig ?? loadConfigForFile(path);
    for (const problem of loaded.problems) configProblems.add(formatConfigProblem({ ...problem, file: displayPath(problem.file, io.cwd) }));
    reports.push(await lintFile(engine, path, displayPath(path, io.cwd), loaded.config, options.fix));
  }
  return { files: reports, configProblems: [...configProblems], inputProblems, quiet: options.quiet };
}

async function lintFile(engine: Engine, path: string, shownPath: string, config: ResolvedConfig, fix: boolean): Promise<FileReport> {
  const base = { path, displayPath: shownPath, findings: [] as Finding[], fixedCount: 0, fixableCount: 0 };
  const read = readDocument(path);
  if ('error' in read) return { ...base, error: read.error };
  try {
    let text = read.text;
    let result: LintResult = await engine.lint(text, { config });
    let fixedCount = 0;
    if (fix) {
      for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
        const edits = collectAutoFixes(result.findings);
        if (edits.length === 0) break;
        const fixed = applyEdits(text, edits);
        if (fixed === text) break;
        // A finding counts as fixed when every edit of its chosen fix made it into this round (overlaps wait for the next).
        fixedCount += result.findings.filter((finding) => {
          const own = collectAutoFixes([finding]);
          return own.length > 0 && own.every((edit) => edits.includes(edit));
        }).length;
        text = fixed;
        result = await engine.lint(text, { config });
      }
      if (text !== read.text) {
        try {
          writeFileSync(path, read.hadBom ? `\uFEFF${text}` : text);
        } catch (error) {
          return { ...base, error: `fixes could not be written: ${(error as Error).message}` };
        }
      }
    }
    return {
      ...base,
      coverage: result.coverage,
      findings: result.findings,
      template: config.template,
      fixedCount,
      fixableCount: result.findings.filter((finding) => isAutoFixable(finding)).length,
    };
  } catch (error) {
    // An engine bug must not hide the other files' results.
    return { ...base, error: `internal error while checking: ${(error as Error).message}` };
  }
}

function isAutoFixable(finding: Finding): boolean {
  return collectAutoFixes([finding]).length > 0;
}

function sarifToolInfo(): SarifToolInfo {
  const repository = repositoryUrl();
  // The docs ship next to dist/ in the package; without a repository URL, point at the installed copy.
  const docsFolder = join(dirname(__filename), '..', 'docs', 'rules');
  return {
    name: 'mlsd-lint',
    version: packageJson.version,
    ...(repository ? { informationUri: repository } : {}),
    ruleHelpUri: (ruleId) => (repository ? `${repository}/blob/main/docs/rules/${ruleId}.md` : pathToFileURL(join(docsFolder, `${ruleId}.md`)).href),
  };
}

function repositoryUrl(): string | undefined {
  const manifest = packageJson as { repository?: string | { url?: string }; homepage?: string };
  const raw = typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url;
  const url = raw?.replace(/^git\+/, '').replace(/\.git$/, '');
  return url && /^https?:\/\//.test(url) ? url : undefined;
}
