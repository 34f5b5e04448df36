// Config problems: how they are printed, and the cap on how many are described per file.
import type { ConfigProblem } from '../types';

/** "file: key: message", the one way problems are printed by the CLI and logged by the server. */
export function formatConfigProblem(problem: ConfigProblem): string {
  return problem.key ? `${problem.file}: ${problem.key}: ${problem.message}` : `${problem.file}: ${problem.message}`;
}

/**
 * At most this many problems are described per config file; the rest are counted in one more
 * problem. A config with 40,000 bad keys must not cost 40,000 messages (each "did you mean" an edit
 * distance, each located in the file by the server).
 */
export const MAX_REPORTED_PROBLEMS = 20;

/** Collects problems, building the message only for the first MAX_REPORTED_PROBLEMS. */
export class ProblemList {
  readonly problems: ConfigProblem[] = [];
  private unlisted = 0;
  constructor(private readonly source: string) {}
  add(key: string, message: string | (() => string)): void {
    if (this.problems.length >= MAX_REPORTED_PROBLEMS) {
      this.unlisted++;
      return;
    }
    this.problems.push({ file: this.source, key, message: typeof message === 'string' ? message : message() });
  }
  result(): ConfigProblem[] {
    return this.unlisted === 0 ? this.problems : [...this.problems, unlistedProblem(this.source, this.unlisted)];
  }
}

function unlistedProblem(file: string, count: number): ConfigProblem {
  return { file, key: '', message: `and ${count.toLocaleString('en-US')} more problem${count === 1 ? '' : 's'} not listed; fix the ones above first` };
}

/** Caps an already built list the same way (problems of a file are the parse problems plus resolveConfig's). */
export function capProblems(problems: ConfigProblem[]): ConfigProblem[] {
  if (problems.length <= MAX_REPORTED_PROBLEMS + 1) return problems;
  const unlisted = problems.slice(MAX_REPORTED_PROBLEMS).reduce((sum, problem) => sum + (unlistedCount(problem) ?? 1), 0);
  return [...problems.slice(0, MAX_REPORTED_PROBLEMS), unlistedProblem(problems[0]!.file, unlisted)];
}

function unlistedCount(problem: ConfigProblem): number | undefined {
  const match = /^and ([\d,]+) more problems? not listed/.exec(problem.message);
  return match ? Number(match[1]!.replace(/,/g, '')) : undefined;
}
