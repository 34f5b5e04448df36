// Readiness follows the effective settings (issue 13, item 4): a check whose rule is turned off is
// not asked for, so the status bar's percentage neither gains nor loses by it.
import { describe, expect, it } from 'vitest';
import { createEngine, defaultConfig, resolveConfig } from '../../../server/src/engine';

const doc = [
  '# Feed ranking',
  '',
  '## Requirements',
  '',
  'Rank the home feed for 50M daily users; the goal is time spent.',
  '',
  '## Evaluation',
  '',
  'Offline NDCG@10 on a held-out week; online click-through rate and time spent in an A/B test.',
  '',
  '## Serving',
  '',
  'Online ranking behind the feed API, p99 under 150 ms end to end.',
  '',
].join('\n');

describe('readiness and rules turned off', () => {
  it('leaves a check out of the readiness when its rule is off, and counts it otherwise', async () => {
    const engine = createEngine();
    const on = await engine.lint(doc);
    expect(on.coverage['metric-gap']?.status).not.toBe('present');
    const { config } = resolveConfig({ rules: { 'metric-gap': 'off' } }, 'settings', defaultConfig());
    const off = await engine.lint(doc, { config });
    expect(off.findings.some((f) => f.ruleId === 'metric-gap')).toBe(false);
    // The unmet gap no longer weighs on the score: readiness goes up.
    expect(off.readiness).toBeGreaterThan(on.readiness);
    // The met latency check still counts: turning it off lowers the readiness.
    expect(on.coverage['latency-budget']?.status).toBe('present');
    const latencyOff = (await engine.lint(doc, { config: resolveConfig({ rules: { 'latency-budget': 'off' } }, 'settings', defaultConfig()).config })).readiness;
    expect(latencyOff).toBeLessThan(on.readiness);
  });
});
