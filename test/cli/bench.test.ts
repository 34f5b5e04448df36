// The benchmark is only as good as its input: check the generated docs are the size asked for and look like real design docs.
import { describe, expect, it } from 'vitest';
import { generateDesignDoc } from '../../scripts/bench';
import { createEngine } from '../../server/src/engine';

describe('bench document generator', () => {
  it.each([1_000, 10_000])('makes a doc of about %i lines with headings, lists, tables, mermaid and code', (target) => {
    const text = generateDesignDoc(target);
    const lines = text.split('\n').length - 1;
    expect(lines).toBeGreaterThanOrEqual(target);
    expect(lines).toBeLessThan(target * 1.1);
    expect(text).toMatch(/^## 3\. Data preparation$/m);
    expect(text).toMatch(/^\| --- \| --- \|/m);
    expect(text).toMatch(/^```mermaid$/m);
    expect(text).toMatch(/^```python$/m);
    expect(text).toMatch(/^- /m);
    expect(generateDesignDoc(target)).toBe(text); // seeded: identical across runs
  });

  it('covers every step and check, so the engine does its full work on it', async () => {
    const { coverage, findings } = await createEngine().lint(generateDesignDoc(1_000));
    for (const [id, entry] of Object.entries(coverage)) expect(entry.status, id).toBe('present');
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});
