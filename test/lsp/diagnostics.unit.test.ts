// Turning findings and config problems into LSP diagnostics (server/src/lsp/diagnostics.ts).
import { describe, expect, it } from 'vitest';
import { clampRange, configProblemToDiagnostic } from '../../server/src/lsp/diagnostics';

describe('diagnostics helpers', () => {
  it('clamps a range into the document', () => {
    expect(clampRange({ start: { line: 10, character: 3 }, end: { line: 2, character: 0 } }, 5)).toEqual({ start: { line: 4, character: 3 }, end: { line: 4, character: 3 } });
  });
  it('puts a config problem on the line of its key', () => {
    const text = '{\n  "rules": {\n    "metric-gap": "loud"\n  }\n}\n';
    const diagnostic = configProblemToDiagnostic({ file: '/x/.mlsdrc.json', key: 'rules.metric-gap', message: 'bad severity' }, text);
    expect(diagnostic.range.start).toEqual({ line: 2, character: 4 });
    expect(diagnostic.message).toBe('rules.metric-gap: bad severity');
  });
});
