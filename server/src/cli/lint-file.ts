// Checks one file: its configuration, the engine, and --fix. Runs inside the lint worker (see isolated-linter.ts).
import { writeFileSync } from 'node:fs';
import type { Engine } from '../engine/engine';
import { formatConfigProblem, loadConfigFile, loadConfigForFile } from '../engine/config';
import { applyEdits, collectAutoFixes } from '../engine/fixes';
import type { Finding, LintResult } from '../engine/types';
import { displayPath, readDocument } from './files';
import type { FileReport } from './report';

/** --fix re-lints after each round; fixes can enable others, but never loop forever. */
const MAX_FIX_PASSES = 10;

export interface LintRequest {
  path: string;
  cwd: string;
  /** --config: one file for every document instead of the nearest. */
  configPath?: string;
  fix: boolean;
}

export interface LintResponse {
  report: FileReport;
  /** Formatted "file: key: message", paths relative to cwd. */
  configProblems: string[];
}

export async function lintOneFile(engine: Engine, request: LintRequest): Promise<LintResponse> {
  const { path, cwd, fix } = request;
  const loaded = request.configPath !== undefined ? loadConfigFile(request.configPath) : loadConfigForFile(path);
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
        // Nothing is written when a rule failed on the fixed text: the fixes could not be checked.
        if (result.ruleFailures.length > 0) return failed(describeRuleFailures(result));
      }
      if (text !== read.text) {
        try {
          writeFileSync(path, read.hadBom ? `\uFEFF${text}` : text);
        } catch (error) {
          return failed(`fixes could not be written: ${(error as Error).message}`);
        }
      }
    }
    const report: FileReport = {
      ...base,
      coverage: result.coverage,
      // Fixes stay behind: they are large (whole section skeletons) and no output format prints them.
      findings: result.findings.map(({ fixes: _fixes, ...finding }): Finding => finding),
      template: config.template,
      fixedCount,
      fixableCount: result.findings.filter((finding) => collectAutoFixes([finding]).length > 0).length,
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
