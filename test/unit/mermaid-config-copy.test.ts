// The mermaid worker's build wraps mermaid's assignWithDepth with withFastCopy() (configCopy.ts),
// which makes copies into an empty object itself. These tests hold it to the installed mermaid's own
// assignWithDepth: the same result, the same properties and the same objects shared with the
// source, on mermaid's real configuration and on random ones; and every other call is passed on. The worker's answers as a whole are compared with in-process
// parsing in mermaid-syntax.test.ts.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { inspect, isDeepStrictEqual } from 'node:util';
import mermaid from 'mermaid';
import { withFastCopy, type AssignWithDepth } from '../../server/src/engine/mermaid/configCopy';
import { MERMAID_ASSIGN_WITH_DEPTH } from '../../scripts/mermaid-worker-build.mjs';

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
const fast = withFastCopy(assign as AssignWithDepth);

/** Every value in `copy` down to `depth` levels that is the very object found at the same place in `source`. */
function sharedPaths(source: unknown, copy: unknown, path = '', depth = 4): string[] {
  if (typeof copy !== 'object' || copy === null || depth === 0) return [];
  const shared = copy === source ? [path || '(root)'] : [];
  const from = (source ?? {}) as Record<string, unknown>;
  return shared.concat(Object.keys(copy).flatMap((key) => sharedPaths(from[key], (copy as Record<string, unknown>)[key], `${path}.${key}`, depth - 1)));
}

function expectSameCopy(source: object): void {
  const expected = assign({}, source);
  const target = {};
  const actual = fast(target, source);
  expect(actual).toBe(target); // into the object given, as assignWithDepth does
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

describe('withFastCopy(assignWithDepth)({}, x) against mermaid own assignWithDepth({}, x)', () => {
  it('the worker build finds the assignWithDepth export it wraps in the installed mermaid', () => {
    expect(MERMAID_ASSIGN_WITH_DEPTH.test(chunk)).toBe(true);
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

describe('withFastCopy() passes every other call to mermaid own assignWithDepth', () => {
  const calls: unknown[][] = [];
  const spy: AssignWithDepth = (...args) => {
    calls.push(args);
    return assign(...(args as [object, object]));
  };
  const wrapped = withFastCopy(spy);

  it.each([
    ['a target that has keys', () => [{ a: 1 }, { b: { c: 1 } }]],
    ['a target with only a symbol key', () => [{ [Symbol('s')]: 1 }, { b: 1 }]],
    ['a target with another prototype', () => [Object.create(null), { b: 1 }]],
    ['a frozen empty target', () => [Object.freeze({}), { b: 1 }]],
    ['an array target', () => [[], [1, 1, 2]]],
    ['an array of sources', () => [{}, [{ a: 1 }, { b: 2 }]]],
    ['a depth given', () => [{}, { a: { b: { c: 1 } } }, { depth: 1 }]],
    ['no source', () => [{}, undefined]],
    ['a plain value as source', () => [{}, 'x']],
  ])('%s', (_name, args) => {
    calls.length = 0;
    const [dst, src, options] = args() as [unknown, unknown, { depth?: number } | undefined];
    const outcome = (run: () => unknown): string => {
      try {
        return inspect(run(), { depth: 9 });
      } catch (error) {
        return `threw ${String(error)}`; // a frozen target: defineProperty throws, and must still
      }
    };
    const expected = outcome(() => assign(...(args() as [object, object])));
    expect(outcome(() => wrapped(dst, src, options))).toBe(expected);
    expect(calls).toHaveLength(1);
    expect(calls[0]![0]).toBe(dst);
  });

  it('makes the copy into an empty object itself', () => {
    calls.length = 0;
    const source = { a: { b: 1 } };
    expect(wrapped({}, source)).toEqual({ a: { b: 1 } });
    expect(calls).toHaveLength(0);
  });
});
