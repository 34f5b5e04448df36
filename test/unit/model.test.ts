// The design-doc model's memory: what a lint leaves behind in the engine's chunk cache.
import { describe, expect, it } from 'vitest';
import { detachedCopy } from '../../server/src/engine/parse';

describe('detachedCopy', () => {
  it('keeps the characters', () => {
    for (const text of ['', 'a', 'a heading\n', 'x'.repeat(10_000)]) expect(detachedCopy(text)).toBe(text);
  });
});
