import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildMermaidWorker } from '../../scripts/mermaid-worker-build.mjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import {
  CACHE_MIN_ENTRIES,
  clearMermaidValidationCache,
  isMermaidWorkerRunning,
  MAX_VALIDATED_CHARS,
  mermaidValidationCacheStats,
  mermaidWorkerResourceLimits,
  PARSE_TIMEOUT_MS,
  setMermaidTimeoutRetry,
  setMermaidValidationCapacity,
  setMermaidWorkerHeapMb,
  setMermaidWorkerIdleStop,
  setMermaidWorkerPath,
  TIMEOUT_RETRY_MS,
  validateMermaid,
  WORKER_HEAP_MB,
  WORKER_IDLE_STOP_MS,
} from '../../server/src/engine/mermaid/validate';
import { parseMermaid } from '../../server/src/engine/mermaid/parse';
import { topLevelMermaidSources } from '../../server/src/cli/mermaid-prefetch';
import { repoMarkdown } from '../helpers/markdownFiles';
import { locateMermaidError, preprocessedLineMap } from '../../server/src/engine/mermaid/errorLocation';
import { explainMermaidError, suggestDiagramType } from '../../server/src/engine/mermaid/errorText';
import { MERMAID_ERROR_CASES } from '../../server/src/engine/mermaid/errorText.cases';
import mermaidSyntaxRule, { mermaidSyntaxRule as namedRule } from '../../server/src/engine/rules/mermaid-syntax';
import { createEngine } from '../../server/src/engine';
import type { Finding } from '../../server/src/engine/types';
import { currentThreadId } from '../../server/src/engine/mermaid/threadPriority';

/** Each thread of this process and its nice value (field 19 of /proc/self/task/<tid>/stat), on Linux. */
function niceByThread(): Map<number, number> {
  const nice = new Map<number, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      // The command name is in parentheses and may hold spaces: count the fields after it.
      nice.set(Number(tid), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
    } catch {
      // the thread ended meanwhile
    }
  }
  return nice;
}

const fixtures = join(__dirname, '..', 'fixtures', 'mermaid');
const read = (dir: string) =>
  readdirSync(join(fixtures, dir))
    .filter((f) => f.endsWith('.mmd'))
    .sort()
    .map((file) => ({ file, source: readFileSync(join(fixtures, dir, file), 'utf8') }));

/** Broken fixtures carry `%% error-line: N` (1-based line of the file); mermaid ignores that comment. */
function expectedLine(source: string): number {
  const match = /%% error-line: (\d+)/.exec(source);
  if (!match) throw new Error('broken fixture without an error-line comment');
  return Number(match[1]);
}

/** The mermaid-syntax findings of a real lint: the engine's own fence parsing (indent, blockquotes, unclosed fences) decides the lines. */
async function lint(text: string): Promise<Finding[]> {
  const { findings, ruleFailures } = await createEngine().lint(text);
  expect(ruleFailures).toEqual([]);
  return findings.filter((finding) => finding.ruleId === mermaidSyntaxRule.id);
}

describe('mermaid validator (Node, mermaid own parser)', () => {
  const valid = read('valid');
  it('has a corpus of at least 25 valid diagrams', () => expect(valid.length).toBeGreaterThanOrEqual(25));

  it.each(valid)('accepts $file', async ({ source }) => {
    const result = await validateMermaid(source);
    expect(result.error).toBeUndefined();
    expect(result.ok).toBe(true);
    expect(result.diagramType).toBeTruthy();
  });

  it.each(read('broken'))('reports $file at the right line', async ({ source }) => {
    const result = await validateMermaid(source);
    expect(result.ok).toBe(false);
    expect(result.error!.line + 1).toBe(expectedLine(source));
    expect(result.error!.message).not.toMatch(/\n|-{3,}\^/);
  });

  it('flags an unknown diagram type as such', async () => {
    const result = await validateMermaid('flowchat LR\n  a --> b');
    expect(result.error).toMatchObject({ unknownDiagramType: true, line: 0 });
    expect(result.error!.message).toContain("'flowchat'");
  });

  it('memoises by source', async () => {
    const source = 'graph LR\n  memo --> ised';
    expect(await validateMermaid(source)).toBe(await validateMermaid(source));
  });

  it('survives binary junk and empty input', async () => {
    const junk = Array.from({ length: 2000 }, (_, i) => String.fromCharCode((i * 7919) % 65536)).join('');
    expect((await validateMermaid(junk)).ok).toBe(false);
    expect((await validateMermaid('   \n  ')).error?.unknownDiagramType).toBe(true);
  });
});

describe('validation cache (issue 11 item 9)', () => {
  it('keeps every diagram of a pass, however many: the second pass parses nothing again', async () => {
    clearMermaidValidationCache();
    const sources = Array.from({ length: CACHE_MIN_ENTRIES + 500 }, (_, i) => `flowchart LR\n  a${i} --> b${i}`);
    for (const source of sources) await validateMermaid(source);
    const { misses } = mermaidValidationCacheStats();
    expect(misses).toBe(sources.length);
    for (const source of sources) await validateMermaid(source);
    expect(mermaidValidationCacheStats()).toMatchObject({ misses, hits: sources.length, size: sources.length });
    clearMermaidValidationCache();
  }, 60_000);

  it('is sized to the diagrams of the open documents', () => {
    setMermaidValidationCapacity(3000);
    expect(mermaidValidationCacheStats().capacity).toBe(6000);
    setMermaidValidationCapacity(0);
    expect(mermaidValidationCacheStats().capacity).toBe(CACHE_MIN_ENTRIES);
  });
});

describe('error location mapping', () => {
  it('maps lines through front matter, directives, comments and leading blank lines', () => {
    const source = '\n---\ntitle: t\n---\n%%{init: {"theme":"dark"}}%%\n%% note\ngraph TD\n  a --> b';
    // Front matter only counts at the very start; here a blank line precedes it, so mermaid keeps it.
    const { text, lineToSource } = preprocessedLineMap(source);
    expect(text.startsWith('---')).toBe(true);
    expect(lineToSource[0]).toBe(1);
    const fm = preprocessedLineMap('---\ntitle: t\n---\n%% note\ngraph TD\n  a --> b');
    expect(fm.text).toBe('graph TD\n  a --> b');
    expect(fm.lineToSource).toEqual([4, 5]);
  });

  it('reads the line from a langium-style message when there is no jison hash', () => {
    const located = locateMermaidError(new Error('Parsing failed: Parse error on line 2, column 5: Expecting x'), 'pie\n  "a": b');
    expect(located).toMatchObject({ line: 1, column: 4, message: 'Parse error: Expecting x' });
  });

  it('clamps a line past the end (EOF errors) to the last source line', () => {
    const error = Object.assign(new Error('Parse error on line 9:'), { hash: { loc: { first_line: 9 } } });
    expect(locateMermaidError(error, 'graph TD\n  a -->').line).toBe(1);
  });
});

describe('mermaid-syntax rule', () => {
  it('is exported both as default and by name', () => expect(namedRule).toBe(mermaidSyntaxRule));

  it('documents the limits the validator enforces', () => {
    expect(mermaidSyntaxRule.docs).toContain(`${MAX_VALIDATED_CHARS.toLocaleString('en-US')}-character limit`);
    expect(mermaidSyntaxRule.docs).toContain(`within ${PARSE_TIMEOUT_MS / 1000} seconds`);
  });

  it('maps lines inside an indented (list item) block and an unclosed fence', async () => {
    const md = ['- step', '  ```mermaid', '  graph TD', '    a --> b(', '  ```', '', '```mermaid', 'pie', '  "x" : nope'].join('\n');
    const findings = await lint(md);
    expect(findings.map((f) => f.range.start)).toEqual([
      { line: 3, character: 4 },
      { line: 8, character: 2 },
    ]);
  });

  it('reports an unknown type on its first line and an empty block', async () => {
    const findings = await lint(['```mermaid', 'zenuml', '  A.b()', '```', '```mermaid', '```'].join('\n'));
    expect(findings.map((f) => f.range.start.line)).toEqual([1, 5]);
    expect(findings[0]!.message).toContain("'zenuml' is not a mermaid diagram type");
    expect(findings[1]!.message).toContain('The diagram is empty');
  });

  it('reports a diagram over mermaid size limit without parsing it', async () => {
    const big = 'graph TD\n' + Array.from({ length: 4000 }, (_, i) => `  n${i} --> n${i + 1}`).join('\n');
    expect(big.length).toBeGreaterThan(MAX_VALIDATED_CHARS);
    const findings = await lint(['# Big', '```mermaid', big, '```'].join('\n'));
    expect(findings).toHaveLength(1);
    expect(findings[0]!.range.start.line).toBe(1);
    expect(findings[0]!.message).toMatch(/over mermaid's limit/);
  });
});

describe('error messages', () => {
  it.each([
    ['graph TD\n  a --> b(', /^Parse error: Expecting 'SQE', .* got '1'$/],
    ['C4Context\n  Person a "A"', /^Lexical error\. Unrecognized text\.$/],
    ['pie\n  "a" : nope', /^Lexer error: unexpected character/],
  ])('condenses mermaid message for %j', async (source, pattern) => {
    const result = await validateMermaid(source);
    expect(result.error!.message).toMatch(pattern);
  });
});

describe('error translation (issue 13 item 11): the case table of real mermaid messages', () => {
  it('covers each common mistake: unclosed bracket and quote, unknown arrow, unknown type, missing end', () => {
    const kinds = new Set(MERMAID_ERROR_CASES.map((c) => c.kind));
    for (const kind of ['unclosed-bracket', 'unclosed-quote', 'unknown-arrow', 'unknown-diagram-type', 'missing-end', 'dangling-arrow', 'other'] as const) expect(kinds, kind).toContain(kind);
    expect(MERMAID_ERROR_CASES.length).toBeGreaterThanOrEqual(25);
  });

  it.each(MERMAID_ERROR_CASES)('$name: the bundled mermaid still says it, at the same line', async ({ source, mermaid, line }) => {
    const result = await validateMermaid(source);
    expect(result.ok).toBe(false);
    expect({ line: result.error!.line + 1, message: result.error!.message }).toEqual({ line, message: mermaid });
  });

  it.each(MERMAID_ERROR_CASES)('$name: becomes a plain sentence', ({ source, mermaid, line, kind, sentence }) => {
    const explained = explainMermaidError({ line: line - 1, message: mermaid, unknownDiagramType: kind === 'unknown-diagram-type' }, source);
    expect(explained).toEqual({ kind, summary: sentence, details: mermaid });
    // A translated sentence never carries jison's token soup.
    if (kind !== 'other') expect(explained.summary).not.toMatch(/Expecting|'[A-Z_]{3,}'/);
  });

  it('names lines as the editor numbers them when given the diagram position', () => {
    const source = 'flowchart LR\n  subgraph s\n    a --> b\n  c --> d';
    const explained = explainMermaidError({ line: 3, message: "Parse error: Expecting 'SEMI', 'end', got '1'", unknownDiagramType: false }, source, { lineBase: 41 });
    expect(explained.summary).toBe("The 'subgraph' on line 42 has no matching 'end': add a line with 'end' after its last line.");
  });

  it('suggests the diagram type a typo was meant to be, and nothing for unrelated words', () => {
    expect(suggestDiagramType('flowchat')).toBe('flowchart');
    expect(suggestDiagramType('sequencediagram')).toBe('sequenceDiagram');
    expect(suggestDiagramType('classDiagarm')).toBe('classDiagram');
    expect(suggestDiagramType('banana')).toBeUndefined();
  });

  it("the finding says the plain sentence first and keeps mermaid's text after it", async () => {
    const findings = await lint(['# Serving', '', '```mermaid', 'flowchart LR', '  a[Request] --> b[Ranker', '  b --> c', '```'].join('\n'));
    expect(findings).toHaveLength(1);
    expect(findings[0]!.range.start.line).toBe(4);
    // One line for the Problems panel; mermaid's own words in the detail (hover, JSON).
    expect(findings[0]!.message).toBe("Diagram line 2: The '[' after 'b' is never closed: end its label with ']'.");
    expect(findings[0]!.detail).toBe(
      "Mermaid: Parse error: Expecting 'SQE', 'DOUBLECIRCLEEND', 'PE', '-)', 'STADIUMEND', 'SUBROUTINEEND', 'PIPE', 'CYLINDEREND', 'DIAMOND_STOP', 'TAGEND', 'TRAPEND', 'INVTRAPEND', 'UNICODE_TEXT', 'TEXT', 'TAGSTART', got '1'",
    );
    const [end] = await lint(['```mermaid', 'sequenceDiagram', '  loop every minute', '    A->>B: ping', '```'].join('\n'));
    expect(end!.message).toMatch(/^Diagram line 3: The 'loop' on line 3 has no matching 'end'/);
  });
});

describe('mermaid-syntax fences', () => {
  it('reports a broken diagram at its offending line for backtick, tilde, CRLF and blockquoted fences, valid ones not at all', async () => {
    const md = [
      '# Serving', // 0
      '',
      '```mermaid', // 2
      'flowchart LR',
      '  a --> b',
      '```',
      '',
      '~~~mermaid', // 7
      'sequenceDiagram',
      '  A->>B: ok',
      '  A-->>', // 10
      '~~~',
      '',
      '> ```mermaid', // 13
      '> graph TD',
      '>   x --> y(', // 15
      '> ```',
      '',
      '```mermaid', // 18
      'flowchat TD',
      '```',
    ].join('\r\n');
    const mermaid = await lint(md);
    expect(mermaid.map((f) => f.range.start.line)).toEqual([10, 15, 19]);
    expect(mermaid.every((f) => f.stepId === undefined && f.severity === 'error')).toBe(true);
    // The range covers the offending line from its first non-blank character, without the CR.
    expect(mermaid[0]!.range).toEqual({ start: { line: 10, character: 2 }, end: { line: 10, character: 7 } });
    expect(mermaid[0]!.message).toMatch(/^Diagram line 3: /);
    expect(mermaid[2]!.message).toContain("'flowchat' is not a mermaid diagram type: did you mean 'flowchart'?");
  });
});

describe('validation in the worker thread (as bundled for the server and CLI)', () => {
  let dir = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mlsd-mermaid-worker-'));
    // Built exactly as scripts/build.mjs builds dist/mermaid-worker/.
    setMermaidWorkerPath(await buildMermaidWorker(dir, { root: join(__dirname, '../..') }));
    clearMermaidValidationCache();
  }, 60_000);
  afterAll(() => {
    setMermaidWorkerPath(null);
    clearMermaidValidationCache();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives the same answers as in-process parsing', async () => {
    const broken = read('broken').slice(0, 4);
    for (const { source } of broken) expect((await validateMermaid(source)).error!.line + 1).toBe(expectedLine(source));
    expect(await validateMermaid('sequenceDiagram\n  A->>B: hi')).toEqual({ ok: true, diagramType: 'sequence' });
  });

  it('answers every diagram we have as unpatched in-process mermaid does (the worker build replaces its getConfig copy)', async () => {
    const sources = [
      ...read('valid').map((fixture) => fixture.source),
      ...read('broken').map((fixture) => fixture.source),
      ...MERMAID_ERROR_CASES.map((errorCase) => errorCase.source),
      ...repoMarkdown().flatMap((path) => topLevelMermaidSources(readFileSync(path, 'utf8'), 1000)),
      // Directives and front matter change the configuration getConfig() copies, for one diagram.
      '%%{init: {"flowchart": {"htmlLabels": false, "curve": "basis"}, "theme": "dark"}}%%\nflowchart LR\n  a["<b>bold</b>"] --> b',
      '---\nconfig:\n  theme: forest\n  flowchart:\n    defaultRenderer: elk\n---\nflowchart TD\n  a --> b --> c',
      '%%{init: {"securityLevel": "loose"}}%%\nflowchart LR\n  a --> b\n  click a callback "tip"',
      'flowchart LR\n  a --> b\n  click a callback "tip"',
    ];
    const unique = [...new Set(sources)];
    expect(unique.length).toBeGreaterThan(60);
    const inWorker = await Promise.all(unique.map((source) => validateMermaid(source)));
    for (const [i, source] of unique.entries()) expect({ source, result: inWorker[i] }).toEqual({ source, result: await parseMermaid(source) });
  }, 60_000);

  it('gives up on a diagram mermaid cannot parse in time, and keeps working after', async () => {
    const pathological = 'graph TD\n' + 'subgraph s\n'.repeat(3000) + 'a-->b\n' + 'end\n'.repeat(3000);
    const started = Date.now();
    expect(await validateMermaid(pathological)).toEqual({ ok: true, skipped: 'timeout' });
    expect(Date.now() - started).toBeLessThan(PARSE_TIMEOUT_MS + 1500);
    expect((await validateMermaid('graph TD\n  after --> (')).ok).toBe(false);
    const findings = await lint(['# Big', '```mermaid', pathological, '```'].join('\n'));
    expect(findings).toMatchObject([{ severity: 'information', range: { start: { line: 1 } } }]);
    expect(findings[0]!.message).toMatch(/more than 3 s to parse/);
  }, 20_000);

  it('answers many requests in flight at once, each with its own result', async () => {
    const sources = Array.from({ length: 30 }, (_, i) => (i % 3 === 2 ? `graph TD\n  n${i} --> (` : `flowchart LR\n  a${i} --> b${i}`));
    const results = await Promise.all(sources.map((source) => validateMermaid(source)));
    expect(results.map((result) => result.ok)).toEqual(sources.map((_, i) => i % 3 !== 2));
  });

  it('still answers the requests queued behind a diagram that timed out', async () => {
    // Not the diagram of the test above, whose timeout is cached.
    const pathological = 'graph TD\n' + 'subgraph s\n'.repeat(3000) + 'a-->c\n' + 'end\n'.repeat(3000);
    const results = await Promise.all([validateMermaid(pathological), validateMermaid('flowchart LR\n  queued --> ok'), validateMermaid('graph TD\n  queued --> (')]);
    expect(results[0]).toEqual({ ok: true, skipped: 'timeout' });
    expect(results[1]).toEqual({ ok: true, diagramType: 'flowchart-v2' });
    expect(results[2]!.ok).toBe(false);
  }, 20_000);

  it('does not mistake a busy main thread for a stuck parser', async () => {
    const answer = validateMermaid('flowchart LR\n  busy --> main');
    // The worker answers at once, but the reply waits unread while this thread is busy past the limit.
    const until = Date.now() + PARSE_TIMEOUT_MS + 500;
    while (Date.now() < until) {
      // busy
    }
    expect(await answer).toEqual({ ok: true, diagramType: 'flowchart-v2' });
  }, 20_000);

  it('parses a timed-out diagram again later instead of keeping the timeout for good', async () => {
    setMermaidTimeoutRetry(300);
    try {
      const pathological = 'graph TD\n' + 'subgraph s\n'.repeat(3000) + 'a-->retry\n' + 'end\n'.repeat(3000);
      expect(await validateMermaid(pathological)).toEqual({ ok: true, skipped: 'timeout' });
      const { misses } = mermaidValidationCacheStats();
      // Within the retry delay the timeout is the answer: no worker is stopped on every keystroke.
      expect(await validateMermaid(pathological)).toEqual({ ok: true, skipped: 'timeout' });
      expect(mermaidValidationCacheStats().misses).toBe(misses);
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(await validateMermaid(pathological)).toEqual({ ok: true, skipped: 'timeout' });
      expect(mermaidValidationCacheStats().misses).toBe(misses + 1);
    } finally {
      setMermaidTimeoutRetry(TIMEOUT_RETRY_MS);
    }
  }, 30_000);

  it.runIf(process.platform === 'linux')('runs at the lowest scheduling priority, and leaves the other threads as they were', async () => {
    expect(currentThreadId()).toBe(process.pid); // on Linux the main thread's id is the process id
    const before = niceByThread();
    expect((await validateMermaid('flowchart LR\n  nice --> low')).ok).toBe(true);
    const after = niceByThread();
    // The mermaid worker's thread (started by this test or an earlier one in this file).
    const lowered = [...after].filter(([, nice]) => nice === 19).map(([tid]) => tid);
    expect(lowered.length).toBeGreaterThan(0);
    expect(lowered).not.toContain(process.pid);
    expect(after.get(process.pid)).toBe(before.get(process.pid));
  });

  it('caps the worker heap, and a diagram that blows the cap is answered as not checked', async () => {
    expect((await validateMermaid('flowchart LR\n  heap --> cap')).ok).toBe(true);
    expect(mermaidWorkerResourceLimits()?.maxOldGenerationSizeMb).toBe(WORKER_HEAP_MB);
    // A cap too small for mermaid itself: every parse runs out of memory, and each is answered.
    const path = (await import('../../server/src/engine/mermaid/validate')).resolveMermaidWorkerPathForTests();
    setMermaidWorkerHeapMb(8);
    setMermaidWorkerPath(path);
    try {
      const results = await Promise.all([validateMermaid('flowchart LR\n  oom --> one'), validateMermaid('flowchart LR\n  oom --> two')]);
      expect(results).toEqual([
        { ok: true, skipped: 'memory' },
        { ok: true, skipped: 'memory' },
      ]);
    } finally {
      setMermaidWorkerHeapMb(WORKER_HEAP_MB);
      setMermaidWorkerPath(path);
      clearMermaidValidationCache();
    }
    expect((await validateMermaid('flowchart LR\n  after --> oom')).ok).toBe(true);
  }, 60_000);

  it('stops an idle worker, and starts a new one for the next diagram', async () => {
    setMermaidWorkerIdleStop(100);
    try {
      expect((await validateMermaid('flowchart LR\n  before --> idle')).ok).toBe(true);
      expect(isMermaidWorkerRunning()).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(isMermaidWorkerRunning()).toBe(false);
      expect((await validateMermaid('graph TD\n  after --> idle --> (')).ok).toBe(false);
      expect(isMermaidWorkerRunning()).toBe(true);
    } finally {
      setMermaidWorkerIdleStop(WORKER_IDLE_STOP_MS);
    }
  }, 20_000);
});
