// Debouncing, linting and publishing per document version (server/src/lsp/analyzer.ts).
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../server/src/engine';
import type { LintResult, ResolvedConfig } from '../../server/src/engine/types';
import { DocumentAnalyzer } from '../../server/src/lsp/analyzer';
import { ConfigurationStore } from '../../server/src/lsp/configuration';
import { MemoryLogger } from '../../server/src/lsp/logger';
import { access, Documents, fixture, ws } from './helpers/doubles';

describe('analyzer', () => {
  function setup(lintMs = 20) {
    const documents = new Documents();
    const lints: string[] = [];
    const engine = {
      async lint(text: string, _options: { config: ResolvedConfig }): Promise<LintResult> {
        lints.push(text);
        await new Promise((resolve) => setTimeout(resolve, lintMs));
        return {
          doc: { lineCount: text.split('\n').length } as LintResult['doc'],
          coverage: {},
          findings: [{ ruleId: 'r', severity: 'warning', message: text, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } }],
          ruleFailures: [],
          readiness: 0,
        };
      },
    };
    const analyzer = new DocumentAnalyzer({
      engine,
      configuration: new ConfigurationStore(access(), new MemoryLogger()),
      documents,
      workspaceFolders: () => [ws],
      isForced: () => false,
      logger: new MemoryLogger(),
    });
    const published: { version: number; message: string }[] = [];
    analyzer.onAnalyzed((a) => void published.push({ version: a.version, message: String(a.diagnostics[0]!.message) }));
    return { documents, analyzer, lints, published };
  }

  it('debounces a burst of edits into one lint of the final text', async () => {
    const { documents, analyzer, lints, published } = setup();
    const uri = `${ws}/design-docs/a.md`;
    for (let version = 1; version <= 20; version++) {
      documents.set(uri, `text ${version}`, version);
      analyzer.schedule(uri, 30);
    }
    await analyzer.whenAnalyzed(uri);
    expect(lints).toEqual(['text 20']);
    expect(published).toEqual([{ version: 20, message: 'text 20' }]);
  });

  it('logs a rule that threw once per document version', async () => {
    const documents = new Documents();
    const logger = new MemoryLogger();
    const engine = {
      lint: async (text: string): Promise<LintResult> => ({
        doc: { lineCount: 1 } as LintResult['doc'],
        coverage: {},
        findings: [],
        ruleFailures: [{ ruleId: 'boom', message: `Error: bad ${text}` }],
        readiness: 0,
      }),
    };
    const analyzer = new DocumentAnalyzer({ engine, configuration: new ConfigurationStore(access(), new MemoryLogger()), documents, workspaceFolders: () => [ws], isForced: () => false, logger });
    const uri = `${ws}/design-docs/a.md`;
    documents.set(uri, 'one', 1);
    await analyzer.analyze(uri);
    analyzer.invalidateAll(); // the same version linted again
    await analyzer.whenAnalyzed(uri);
    documents.set(uri, 'two', 2);
    await analyzer.analyze(uri);
    const failures = logger.lines.filter((line) => line.message.includes('rule boom failed'));
    expect(failures.map((line) => [line.level, line.message])).toEqual([
      ['error', `${uri} v1: rule boom failed, so its findings are missing: Error: bad one`],
      ['error', `${uri} v2: rule boom failed, so its findings are missing: Error: bad two`],
    ]);
  });

  it('lints with the real engine, every diagnostic inside the document', async () => {
    const documents = new Documents();
    const uri = `${ws}/design-docs/a.md`;
    const real = documents.set(uri, fixture);
    const analyzer = new DocumentAnalyzer({
      engine: createEngine(),
      configuration: new ConfigurationStore(access(), new MemoryLogger()),
      documents,
      workspaceFolders: () => [ws],
      isForced: () => false,
      logger: new MemoryLogger(),
    });
    const analysis = await analyzer.analyze(uri);
    expect(analysis!.diagnostics.length).toBeGreaterThan(0);
    for (const diagnostic of analysis!.diagnostics) expect(diagnostic.range.end.line).toBeLessThan(real.lineCount);
  });

  it('drops the result of a run overtaken by an edit, and lints the newest text next', async () => {
    const { documents, analyzer, lints, published } = setup(50);
    const uri = `${ws}/design-docs/a.md`;
    documents.set(uri, 'old', 1);
    const first = analyzer.analyze(uri);
    await new Promise((resolve) => setTimeout(resolve, 10));
    documents.set(uri, 'new', 2);
    const second = analyzer.analyze(uri);
    documents.set(uri, 'newest', 3);
    const third = analyzer.analyze(uri);
    expect((await first)!.version).toBe(1);
    expect(second).toBe(third); // one follow-up run, however many edits
    expect((await third)!.version).toBe(3);
    expect(lints).toEqual(['old', 'newest']);
    expect(published).toEqual([{ version: 3, message: 'newest' }]);
  });
});
