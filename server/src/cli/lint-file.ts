// Checks one file: its configuration, the engine, and --fix. Runs inside the lint worker (see isolated-linter.ts).
import { accessSync, chmodSync, chownSync, constants, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Engine } from '../engine/engine';
import { formatConfigProblem, loadConfigFile, loadConfigForFile, type LoadedConfig } from '../engine/config';
import { countFixable, fixUntilStable } from '../engine/fixLoop';
import type { Finding, LintResult } from '../engine/types';
import { displayPath, readDocument, realPathInsideRoots } from './files';
import type { FileReport } from './report';

export interface LintRequest {
  path: string;
  cwd: string;
  /** --config: one file for every document instead of the nearest. */
  configPath?: string;
  fix: boolean;
  /**
   * Real paths of the folders --fix may write in (see ExpandedInputs.writeRoots). A fixed file whose
   * real path is outside all of them is reported, not written. Absent: the working folder only.
   */
  writeRoots?: string[];
  /** Folders the config lookup stops at outside a repository (ExpandedInputs.lookupRoots). Absent: the working folder. */
  lookupRoots?: string[];
}

export interface LintResponse {
  report: FileReport;
  /** Formatted "file: key: message", paths relative to cwd. */
  configProblems: string[];
}

/**
 * Each folder's configuration, looked up once. The files of a run share folders, and a lookup checks
 * every folder up to the repository root (for `.git` and four config names): ~0.3 ms a file, 2-3 % of
 * a folder run. A lint worker keeps one for its run, during which configs are taken as they were when
 * first read; in-process callers that pass none look up every time.
 */
export type ConfigMemo = Map<string, LoadedConfig>;

function configFor(request: LintRequest, memo?: ConfigMemo): LoadedConfig {
  if (request.configPath !== undefined) return loadConfigFile(request.configPath);
  const stopAt = request.lookupRoots ?? [request.cwd];
  if (!memo) return loadConfigForFile(request.path, { stopAt });
  // The lookup starts from the file's folder: files in one folder, with the same roots, get the same answer.
  const key = [dirname(resolve(request.path)), ...stopAt].join('\n');
  let loaded = memo.get(key);
  if (!loaded) {
    loaded = loadConfigForFile(request.path, { stopAt });
    memo.set(key, loaded);
  }
  return loaded;
}

export async function lintOneFile(engine: Engine, request: LintRequest, configs?: ConfigMemo): Promise<LintResponse> {
  const { path, cwd, fix } = request;
  const loaded = configFor(request, configs);
  const configProblems = loaded.problems.map((problem) => formatConfigProblem({ ...problem, file: displayPath(problem.file, cwd) }));
  const config = loaded.config;
  const base: FileReport = { path, displayPath: displayPath(path, cwd), findings: [], fixedCount: 0, fixableCount: 0 };
  const failed = (error: string): LintResponse => ({ report: { ...base, error }, configProblems });

  const read = readDocument(path);
  if ('error' in read) return failed(read.error);
  try {
    let text = read.text;
    let result: LintResult = await engine.lint(text, { config });
    // A rule that threw leaves the result incomplete: "no findings" would claim a check that never ran.
    if (result.ruleFailures.length > 0) return failed(describeRuleFailures(result));
    let fixedCount = 0;
    let fixError: string | undefined;
    if (fix) {
      const outcome = await fixUntilStable(engine, text, result, { config });
      // Nothing is written when a rule failed on the fixed text: the fixes could not be checked.
      if (outcome.failure) return failed(describeRuleFailures(outcome.failure));
      ({ text, result, fixedCount } = outcome);
      if (text !== read.text) {
        fixError = writeFixedFile(path, read, text, request.writeRoots ?? [cwd]);
        if (fixError !== undefined) {
          // Nothing was written: report the file as it is on disk, not as it would have been.
          fixedCount = 0;
          result = await engine.lint(read.text, { config });
          if (result.ruleFailures.length > 0) return failed(describeRuleFailures(result));
        }
      }
    }
    const report: FileReport = {
      ...base,
      coverage: result.coverage,
      readiness: result.readiness,
      // Fixes stay behind: they are large (whole section skeletons) and no output format prints them.
      findings: result.findings.map(({ fixes: _fixes, ...finding }): Finding => finding),
      rubric: config.rubric,
      fixedCount,
      fixableCount: countFixable(result.findings),
      ...(fixError !== undefined ? { fixError } : {}),
    };
    return { report, configProblems };
  } catch (error) {
    // An engine bug (a stack overflow on pathological Markdown, say) must not hide the other files' results.
    return failed(`internal error while checking: ${(error as Error).message}`);
  }
}

function describeRuleFailures(result: LintResult): string {
  const failures = result.ruleFailures.map((failure) => `rule ${failure.ruleId} failed: ${failure.message}`).join('; ');
  return `not fully checked (${failures})`;
}

/**
 * Writes the fixed text, or says why not (undefined when written). The file is written only when
 * its real path is inside one of `writeRoots`, and only when it still holds what was read: an edit
 * saved while the file was being checked is never overwritten. The text goes to a temporary file
 * beside the real file, which then replaces it in one rename, so a reader never sees half a file.
 */
function writeFixedFile(path: string, read: { text: string; hadBom: boolean }, text: string, writeRoots: readonly string[]): string | undefined {
  const real = realPathInsideRoots(path, writeRoots);
  if (real === undefined) {
    return 'fixes not written: the file is a symbolic link (or is inside a linked folder) whose real path is outside the working folder and the folders given; run mlsd-lint --fix where the file really is';
  }
  const current = readDocument(real);
  if ('error' in current || current.text !== read.text || current.hadBom !== read.hadBom) {
    return 'fixes not written: the file changed on disk while it was being checked; run --fix again';
  }
  // A rename replaces a read-only file as easily as any other (only the folder's permission counts): ask first.
  try {
    accessSync(real, constants.W_OK);
    if ((statSync(real).mode & 0o222) === 0) throw new Error('read-only');
  } catch {
    return 'fixes not written: the file is read-only';
  }
  const temporary = join(dirname(real), `.${basename(real)}.mlsd-fix-${randomBytes(6).toString('hex')}.tmp`);
  try {
    const { mode, uid, gid } = statSync(real);
    // wx: never write through a file (or link) that is already there.
    writeFileSync(temporary, read.hadBom ? `\uFEFF${text}` : text, { flag: 'wx', mode: 0o600 });
    chmodSync(temporary, mode & 0o7777);
    try {
      chownSync(temporary, uid, gid); // keeps the owner when run as root (in CI, say); others cannot and need not
    } catch {
      // not permitted: the file is ours anyway
    }
    renameSync(temporary, real);
    return undefined;
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // never created, or already renamed
    }
    return `fixes could not be written: ${(error as Error).message}`;
  }
}
