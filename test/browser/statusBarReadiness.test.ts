// The status bar's wording with the judgment (issue 10): the readiness next to the step count, and
// per step its score and checkpoints in the tooltip. formatCoverage is pure (no vscode).
import { describe, expect, it } from 'vitest';
import { formatCoverage } from '../../client/src/coverageView';
import type { CoverageResult } from '../../server/src/protocol';

const result = (readiness: number | undefined): CoverageResult => ({
  uri: 'file:///ws/design-docs/feed.md',
  isDesignDoc: true,
  coverage: {} as never,
  ...(readiness !== undefined ? { readiness } : {}),
  items: [
    {
      id: 'clarify',
      title: 'Clarify requirements',
      kind: 'step',
      status: 'present',
      line: 2,
      reason: 'section "Requirements"',
      score: 3,
      checkpoints: [
        { id: 'business-objective', title: 'Business objective', met: true, line: 4 },
        { id: 'scale', title: 'Scale', met: true, line: 5 },
        { id: 'constraints', title: 'Constraints', met: false },
      ],
    },
    { id: 'model', title: 'Model development', kind: 'step', status: 'thin', line: 9, reason: 'only prompts', score: 1, checkpoints: [{ id: 'baseline', title: 'A simple baseline', met: false }] },
    { id: 'data', title: 'Data preparation', kind: 'step', status: 'missing', reason: 'no section', score: 0, checkpoints: [] },
    { id: 'metric-gap', title: 'Offline/online metric gap', kind: 'check', status: 'missing', reason: 'none' },
  ],
});

describe('status bar wording', () => {
  it('shows the readiness beside the step count, and the band and per-step scores in the tooltip', () => {
    const view = formatCoverage(result(72));
    expect(view.text).toMatch(/^\$\(checklist\) MLSD 1\/3 · 72% {2}gap \$\(close\)$/);
    expect(view.tooltip).toContain('**Readiness 72/100** (ready)');
    expect(view.tooltip).toContain('**Clarify requirements**: present (line 3) · 3/3 strong · 2/3 checkpoints');
    expect(view.tooltip).toContain('**Model development**: thin (line 10) · 1/3 weak · 0/1 checkpoints');
    expect(view.tooltip).toContain('**Data preparation**: missing · 0/3 missing ·');
    expect(view.tooltip).toMatch(/\*\*Offline\/online metric gap\*\*: missing · none/);
    expect(view.accessibilityLabel).toMatch(/^ML system design readiness 72 percent, coverage: 1 of 3 steps present\./);
  });

  it('without a readiness (an older server) reads as before', () => {
    const view = formatCoverage(result(undefined));
    expect(view.text).toMatch(/^\$\(checklist\) MLSD 1\/3 {2}gap/);
    expect(view.tooltip).not.toContain('Readiness');
  });
});
