// Command-line parsing for mlsd-lint. Usage errors are returned, not thrown, so main() can print them and exit 2.
import { parseArgs } from 'node:util';

export type OutputFormat = 'text' | 'json' | 'sarif' | 'github';
const FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif', 'github'];
const DEFAULT_FILE_TIMEOUT_SECONDS = 60;

export interface CliOptions {
  inputs: string[];
  format: OutputFormat;
  fix: boolean;
  /** Undefined: no limit. */
  maxWarnings?: number;
  config?: string;
  quiet: boolean;
  /** A file that takes longer is reported as not checked and the run goes on. */
  fileTimeoutSeconds: number;
  /** Files checked at once (worker threads); undefined: one per core but one (cli/pool.ts). */
  concurrency?: number;
  help: boolean;
  version: boolean;
  /** `--sarif-file FILE`: also write the findings as SARIF to this file. */
  sarifFile?: string;
  /** `--report FILE`: print the practice debrief of one file instead of the findings. */
  report?: string;
}

export const USAGE = `Usage: mlsd-lint [options] <file|folder|glob>...

Checks Markdown ML system design docs against the seven-step template
(clarify, framing, data, model, evaluation, serving, monitoring), the
offline/online metric-gap discussion and the serving latency budget.

Inputs:
  file      checked as a design doc, whatever its name (a symbolic link
            named here is checked too)
  folder    every **/*.md inside, skipping node_modules and dot-folders
            and following no symbolic links
  glob      quoted patterns such as "docs/**/*.design.md" (no symbolic
            links followed)

Options:
  -f, --format <format>       text, json, sarif or github (GitHub Actions
                              annotations; default: text)
  --sarif-file <file>         also write the findings as SARIF to this file
                              (for code scanning), whatever --format says
  --fix                       apply the automatic fixes, write the files,
                              then report what remains. A file is written
                              only if its real path is inside the working
                              folder or a folder named outside it, and only
                              if it did not change while being checked
  --max-warnings <n>          exit 1 when there are more than n warnings
  -c, --config <path>         use this .mlsdrc.json/.yaml (or package.json
                              with an "mlsd" key) for every file instead of
                              the nearest config file
  -q, --quiet                 report errors only: no warnings, no coverage
  --report <file>             print the practice debrief of one design doc:
                              readiness, the score (0-3) of each step, the
                              checkpoints it still misses and why, the two
                              checks, and the minutes and progress of its
                              practice sessions (.mlsd/practice/); text or
                              --format json
  --file-timeout <seconds>    give up on a file that takes longer to check
                              (default: 60)
  --concurrency <n|auto>      files checked at once, each in a worker thread
                              (default: auto, one per core but one, which
                              parses the mermaid diagrams); results are
                              printed in the same order whatever the number
  -h, --help                  show this help
  -v, --version               show the version

Configuration: the nearest .mlsdrc.json, .mlsdrc.yaml, .mlsdrc.yml or
package.json "mlsd" key, looked up from each file's folder upwards to the
repository root (the folder holding .git) or, outside a repository, to the
working folder or the folder named. A config that leads out of it through
a symbolic link is not read.

Exit codes:
  0  no finding at error severity (and warnings within --max-warnings)
  1  findings at error severity, or more warnings than --max-warnings
  2  a usage error; or a file that could not be checked (missing, binary,
     not UTF-8, larger than 5 MB, over --file-timeout, a pipe or device,
     a glob or folder matching nothing), fixes that were not written, or a
     configuration problem. Such files are reported on stderr (and in JSON
     with an "error" field) and every other file is still checked; 2 wins
     over 1 at the end because the result is incomplete.
`;

export function parseCliArgs(argv: readonly string[]): { options: CliOptions } | { error: string } {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        fix: { type: 'boolean' },
        'max-warnings': { type: 'string' },
        config: { type: 'string', short: 'c' },
        quiet: { type: 'boolean', short: 'q' },
        'file-timeout': { type: 'string' },
        concurrency: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
        report: { type: 'string' },
        'sarif-file': { type: 'string' },
      },
    });
  } catch (error) {
    // node's messages are already specific ("Unknown option '--fxi'"); drop its advice about "--" which confuses here.
    return { error: (error as Error).message.split('. To specify')[0]! };
  }
  const { values, positionals } = parsed;

  const format = values.format ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) return { error: `--format must be one of ${FORMATS.join(', ')}; got "${format}"` };

  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    const raw = values['max-warnings'];
    if (!/^\d+$/.test(raw)) return { error: `--max-warnings needs a whole number of 0 or more; got "${raw}"` };
    maxWarnings = Number(raw);
  }
  let fileTimeoutSeconds = DEFAULT_FILE_TIMEOUT_SECONDS;
  if (values['file-timeout'] !== undefined) {
    const raw = values['file-timeout'];
    fileTimeoutSeconds = Number(raw);
    if (!/^\d+(\.\d+)?$/.test(raw) || fileTimeoutSeconds <= 0) return { error: `--file-timeout needs a number of seconds above 0; got "${raw}"` };
  }
  let concurrency: number | undefined;
  if (values.concurrency !== undefined && values.concurrency !== 'auto') {
    const raw = values.concurrency;
    if (!/^\d+$/.test(raw) || Number(raw) < 1) return { error: `--concurrency needs a whole number of 1 or more, or auto; got "${raw}"` };
    concurrency = Number(raw);
  }
  if (values.config !== undefined && values.config.trim() === '') return { error: '--config needs a path' };
  if (values['sarif-file'] !== undefined && values['sarif-file'].trim() === '') return { error: '--sarif-file needs a path' };
  if (values.report !== undefined) {
    if (values['sarif-file'] !== undefined) return { error: '--report prints a debrief, not findings: drop --sarif-file' };
    if (format === 'github') return { error: '--report prints text or json, not github' };
    if (values.report.trim() === '') return { error: '--report needs a file' };
    if (format === 'sarif') return { error: '--report prints text or json, not sarif' };
    if (values.fix) return { error: '--report does not fix: run --fix separately' };
    if (positionals.length > 0) return { error: '--report takes one file; other inputs were given' };
  }

  const options: CliOptions = {
    inputs: positionals,
    format: format as OutputFormat,
    fix: values.fix ?? false,
    quiet: values.quiet ?? false,
    fileTimeoutSeconds,
    help: values.help ?? false,
    version: values.version ?? false,
    ...(maxWarnings !== undefined ? { maxWarnings } : {}),
    ...(concurrency !== undefined ? { concurrency } : {}),
    ...(values.config !== undefined ? { config: values.config } : {}),
    ...(values.report !== undefined ? { report: values.report } : {}),
    ...(values['sarif-file'] !== undefined ? { sarifFile: values['sarif-file'] } : {}),
  };
  if (!options.help && !options.version && options.report === undefined && options.inputs.length === 0) return { error: 'no files, folders or globs given' };
  return { options };
}
