// The mermaid worker's build replaces mermaid's getConfig() copy with copyMermaidConfig()
// (configCopy.ts). These tests hold it to the installed mermaid's own assignWithDepth: the same
// result, the same properties and the same objects shared with the source, on mermaid's real
// configuration and on random ones. The worker's answers as a whole are compared with in-process
// parsing in mermaid-syntax.test.ts.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { inspect, isDeepStrictEqual } from 'node:util';
import mermaid from 'mermaid';
import { copyMermaidConfig } from '../../server/src/engine/mermaid/configCopy';
import { MERMAID_GET_CONFIG } from '../../scripts/mermaid-worker-build.mjs';

type Copier = (dst: object, src: object) => object;

/** The installed mermaid's assignWithDepth, read from its ES build (it is not exported). */
function mermaidsAssignWithDepth(): { assign: Copier; chunk: string } {
  const dir = join(dirname(require.resolve('mermaid/package.json')), 'dist/chunks/mermaid.core');
  for (const name of readdirSync(dir).filter((file) => file.endsWith('.mjs'))) {
    const source = readFileSync(join(dir, name), 'utf8');
    const match = /var assignWithDepth = \/\* @__PURE__ \*\/ __name\(((?:.|\n)*?)\n\}, "assignWithDepth"\);/.exec(source);
    if (!match) continue;
    const assign = new Function('__name', `const assignWithDepth = ${match[1]}\n}; return assignWithDepth;`)((fn: unknown) => fn) as Copier;
    return { assign, chunk: source };
  }
  throw new Error('assignWithDepth not found in mermaid: has mermaid changed how it copies its configuration?');
}

const { assign, chunk } = mermaidsAssignWithDepth();

/** Every value in `copy` down to `depth` levels that is the very object found at the same place in `source`. */
function sharedPaths(source: unknown, copy: unknown, path = '', depth = 4): string[] {
  if (typeof copy !== 'object' || copy === null || depth === 0) return [];
  const shared = copy === source ? [path || '(root)'] : [];
  const from = (source ?? {}) as Record<string, unknown>;
  return shared.concat(Object.keys(copy).flatMap((key) => sharedPaths(from[key], (copy as Record<string, unknown>)[key], `${path}.${key}`, depth - 1)));
}

function expectSameCopy(source: object): void {
  const expected = assign({}, source);
  const actual = copyMermaidConfig(source);
  // Node's strict deep equality (own properties, prototypes): vitest's toStrictEqual also compares
  // `constructor` properties, which random objects may hold as own keys.
  if (!isDeepStrictEqual(actual, expected)) expect(inspect(actual, { depth: 9 })).toBe(inspect(expected, { depth: 9 }));
  expect(isDeepStrictEqual(actual, expected)).toBe(true);
  expect(Object.getPrototypeOf(actual)).toBe(Object.getPrototypeOf(expected));
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected)); // key order too
  expect(sharedPaths(source, actual)).toEqual(sharedPaths(source, expected));
}

/** A small deterministic random generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomValue(next: () => number, depth: number): unknown {
  const kind = Math.floor(next() * (depth > 0 ? 9 : 6));
  const atoms = [1, 'x', true, undefined, null, 0];
  if (kind < 6) return atoms[kind];
  if (kind === 6) {
    const shared = { n: 1 };
    return [1, 'a', 1, shared, shared, null, [2], 'a'].slice(0, 1 + Math.floor(next() * 8));
  }
  if (kind === 7) return () => 1;
  return randomObject(next, depth);
}

function randomObject(next: () => number, depth: number): object {
  const object: Record<string, unknown> = {};
  const keys = ['a', 'b', 'theme', 'flowchart', '__proto__', 'constructor', '0', 'length'];
  for (let i = Math.floor(next() * 5); i > 0; i--) {
    const key = keys[Math.floor(next() * keys.length)]!;
    Object.defineProperty(object, key, { value: randomValue(next, depth - 1), enumerable: true, writable: true, configurable: true });
  }
  return object;
}

describe('copyMermaidConfig() against mermaid own assignWithDepth({}, x)', () => {
  it('the worker build finds the getConfig() it replaces in the installed mermaid', () => {
    expect(MERMAID_GET_CONFIG.test(chunk)).toBe(true);
  });

  it('copies mermaid real configuration the same, before and after initialize()', () => {
    expectSameCopy(mermaid.mermaidAPI.getConfig());
    expectSameCopy(mermaid.mermaidAPI.getSiteConfig());
    mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', logLevel: 5, theme: 'dark', flowchart: { curve: 'basis' } });
    expectSameCopy(mermaid.mermaidAPI.getConfig());
  });

  it.each([
    ['empty', {}],
    ['null values are left out', { a: null, b: { c: null, d: 1 } }],
    ['arrays are copied with each item once', { a: [1, 1, 'x', 'x'], b: { c: [2, 2] }, d: { e: { f: [3, 3] } } }],
    ['the third level is a shallow copy', { a: { b: { c: { d: 1 } } } }],
    ['an own __proto__ key stays a property', JSON.parse('{"__proto__": {"x": 1}, "a": {"__proto__": 2}}') as object],
    ['functions and undefined are kept', { a: () => 1, b: undefined, c: { d: undefined } }],
  ])('%s', (_name, source) => {
    expectSameCopy(source);
  });

  it('copies 3,000 random objects the same', () => {
    const next = random(20261130);
    for (let i = 0; i < 3000; i++) expectSameCopy(randomObject(next, 4));
  });
});
