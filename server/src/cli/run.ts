// The mlsd-lint command: argument handling, linting each file, output and the exit code.
// Every file is checked even when others fail; the exit code is decided at the end (see USAGE).
import { existsSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import packageJson from '../../../package.json';
import { ALL_RULES } from '../engine/rules';
import { parseCliArgs, USAGE, type CliOptions } from './args';
import { expandInputs } from './files';
import { lintOnPool } from './pool';
import { formatGithub } from './format-github';
import { formatJson } from './format-json';
import { writeReport } from './format-report';
import { formatSarif, type SarifToolInfo } from './format-sarif';
import { escapeControlCharacters, formatText, paletteFor, shouldUseColor } from './format-text';
import { countBySeverity, type FileReport, type RunReport } from './report';
import { MermaidPrefetcher } from './mermaid-prefetch';
import { repositoryUrlFromManifest, ruleDocUrl, ruleDocsBaseFromManifest } from '../ruleDocs';

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
  if (options.report !== undefined) {
    const reportRun = await lintInputs({ ...options, inputs: [options.report], fix: false }, io);
    for (const problem of reportRun.inputProblems) io.stderr.write(`mlsd-lint: ${problem.file}: ${problem.message}\n`);
    for (const report of reportRun.files) if (report.error !== undefined) io.stderr.write(`mlsd-lint: ${report.displayPath}: ${report.error}\n`);
    return writeReport(reportRun, options.format === 'json' ? 'json' : 'text', io, paletteFor(shouldUseColor(io.stdout, io.env)));
  }
  const run = await lintInputs(options, io);
  const errorColors = paletteFor(shouldUseColor(io.stderr, io.env));
  // File names, config keys and messages can hold anything a repository puts there: escape control characters.
  const safe = escapeControlCharacters;
  for (const problem of run.configProblems) io.stderr.write(`${errorColors.yellow('config')} ${safe(problem)}\n`);
  for (const problem of run.inputProblems) io.stderr.write(`${errorColors.red('error')} ${safe(problem.file)}: ${safe(problem.message)}\n`);
  for (const report of run.files) {
    if (report.error !== undefined) io.stderr.write(`${errorColors.red('error')} ${safe(report.displayPath)}: ${safe(report.error)}\n`);
    else if (report.fixError !== undefined) io.stderr.write(`${errorColors.red('error')} ${safe(report.displayPath)}: ${safe(report.fixError)}\n`);
  }

  if (options.format === 'json') io.stdout.write(formatJson(run));
  else if (options.format === 'sarif') io.stdout.write(formatSarif(run, ALL_RULES, sarifToolInfo(), io.cwd));
  else if (options.format === 'github') io.stdout.write(formatGithub(run));
  else io.stdout.write(formatText(run, paletteFor(shouldUseColor(io.stdout, io.env))));

  if (options.sarifFile !== undefined) {
    try {
      writeFileSync(resolve(io.cwd, options.sarifFile), formatSarif(run, ALL_RULES, sarifToolInfo(), io.cwd));
    } catch (error) {
      io.stderr.write(`${errorColors.red('error')} --sarif-file: cannot write ${safe(options.sarifFile)}: ${safe((error as Error).message)}\n`);
      return EXIT_USAGE_OR_IO;
    }
  }
  return exitCode(run, options);
}

export function exitCode(run: RunReport, options: Pick<CliOptions, 'maxWarnings'>): number {
  const incomplete = run.inputProblems.length > 0 || run.configProblems.length > 0 || run.files.some((report) => report.error !== undefined || report.fixError !== undefined);
  if (incomplete) return EXIT_USAGE_OR_IO;
  const counts = countBySeverity(run.files.flatMap((report) => report.findings));
  if (counts.error > 0) return EXIT_FINDINGS;
  if (options.maxWarnings !== undefined && counts.warning > options.maxWarnings) return EXIT_FINDINGS;
  return EXIT_OK;
}

async function lintInputs(options: CliOptions, io: CliIo): Promise<RunReport> {
  const { files, problems: inputProblems, writeRoots, lookupRoots } = expandInputs(options.inputs, io.cwd);
  const configProblems = new Set<string>();
  const configPath = options.config !== undefined ? resolve(io.cwd, options.config) : undefined;
  const requests = files.map((path) => ({ path, cwd: io.cwd, fix: options.fix, writeRoots, lookupRoots, ...(configPath !== undefined ? { configPath } : {}) }));
  const prefetcher = new MermaidPrefetcher(files);
  // This bundle is also the worker's script: main.ts starts the worker loop when loaded in a worker thread.
  const responses = await lintOnPool(requests, {
    onStart: (index) => prefetcher.started(index),
    scriptPath: __filename,
    timeoutMs: options.fileTimeoutSeconds * 1000,
    ...(options.concurrency !== undefined ? { size: options.concurrency } : {}),
  });
  const reports: FileReport[] = [];
  // In the order of the files (sorted), whichever worker finished first.
  for (const response of responses) {
    for (const problem of response.configProblems) configProblems.add(problem);
    reports.push(response.report);
  }
  return { files: reports, configProblems: [...configProblems], inputProblems, quiet: options.quiet };
}

function sarifToolInfo(): SarifToolInfo {
  const repository = repositoryUrlFromManifest(packageJson);
  const docsBase = ruleDocsBaseFromManifest(packageJson);
  // The docs ship next to dist/ in the package; without a repository URL, point at the installed copy.
  const docsFolder = join(dirname(__filename), '..', 'docs', 'rules');
  return {
    name: 'mlsd-lint',
    version: packageJson.version,
    ...(repository ? { informationUri: repository } : {}),
    ruleHelpUri: (ruleId) => (docsBase ? ruleDocUrl(ruleId, docsBase) : pathToFileURL(join(docsFolder, `${ruleId}.md`)).href),
  };
}
