// The coverage result the language server sends (mlsd/coverage and mlsd/coverageChanged) carries
// what the practice views show: each step's score and checkpoints, the end of its section (time
// attribution) and the doc's readiness. In-memory doubles, the real engine.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { collectAutoFixes, createEngine, defaultConfig } from '../../server/src/engine';
import { readiness as readinessOf } from '../../server/src/engine/judgment/score';
import { MemoryLogger } from '../../server/src/lsp/logger';
import { createLanguageService } from '../../server/src/lsp/service';
import { stepAtLine } from '../../client/src/practice/attribution';

const ws = 'file:///ws';
const fixture = readFileSync(join(__dirname, '..', 'lsp', 'fixtures', 'partial.design.md'), 'utf8');

function service(docs: Map<string, TextDocument>) {
  return createLanguageService({
    engine: createEngine(),
    collectAutoFixes,
    documents: { get: (uri) => docs.get(uri), all: () => [...docs.values()] },
    configAccess: {
      fetchSettings: async () => ({}),
      loadFileConfig: () => ({ config: defaultConfig(), problems: [] }),
      defaultConfig,
      mergeSettings: (_settings, base) => ({ config: base, problems: [] }),
    },
    workspaceFolders: () => [ws],
    logger: new MemoryLogger(),
    maxDocumentChars: 100_000,
  });
}

describe('coverage result for the practice views', () => {
  it('gives each step a score, its checkpoints and its section end; the checks none; the doc a readiness', async () => {
    const docs = new Map<string, TextDocument>();
    const uri = `${ws}/design-docs/partial.md`;
    docs.set(uri, TextDocument.create(uri, 'markdown', 1, fixture));
    const result = await service(docs).coverage(uri);
    expect(result.isDesignDoc).toBe(true);
    const steps = result.items.filter((i) => i.kind === 'step');
    const checks = result.items.filter((i) => i.kind === 'check');
    expect(steps.map((s) => s.id)).toEqual(['clarify', 'framing', 'data', 'model', 'evaluation', 'serving', 'monitoring']);
    for (const step of steps) {
      expect([0, 1, 2, 3]).toContain(step.score);
      expect(Array.isArray(step.checkpoints)).toBe(true);
      expect(step.score).toBe(step.status === 'missing' ? 0 : step.status === 'thin' ? 1 : step.score === 3 ? 3 : 2);
      if (step.line !== undefined) {
        expect(step.endLine).toBeGreaterThanOrEqual(step.line);
        // The section's own lines belong to the step.
        expect(stepAtLine(result.items, step.line)).toBe(step.id);
      } else {
        expect(step.endLine).toBeUndefined();
      }
    }
    expect(steps.filter((s) => s.status === 'missing').map((s) => s.id)).toEqual(['serving', 'monitoring']);
    for (const check of checks) {
      expect(check.score).toBeUndefined();
      expect(check.checkpoints).toBeUndefined();
    }
    expect(result.readiness).toBe(readinessOf(result.coverage!, defaultConfig().rubric));
    expect(result.readiness).toBeGreaterThan(0);
    expect(result.readiness).toBeLessThan(100);
  });

  it('has no readiness for a file that is not a design doc', async () => {
    const docs = new Map<string, TextDocument>();
    const uri = `${ws}/README.md`;
    docs.set(uri, TextDocument.create(uri, 'markdown', 1, '# Readme\n\nHello.\n'));
    const result = await service(docs).coverage(uri);
    expect(result).toEqual({ uri, isDesignDoc: false, coverage: null, items: [] });
  });
});
