// A faster copy of mermaid's configuration, put in place by the worker's build
// (scripts/mermaid-worker-build.mjs wraps mermaid's `assignWithDepth`).
//
// Mermaid copies its whole configuration (every diagram type's settings and the theme's variables,
// about nine hundred properties) with `assignWithDepth({}, config)`, two levels deep, using
// Object.entries, a closure per property and Object.defineProperty. It does so in getConfig(), which
// its parsers call for every node with a label, and in updateCurrentConfig(), which runs for every
// diagram (reset) and every directive. In a folder of 300 docs that copying was most of the mermaid
// thread's parsing time (docs/perf.md). `withFastCopy` makes the same copy with plain loops and
// assignments whenever the target is a new empty object; every other call goes to mermaid's own
// function. test/unit/mermaid-config-copy.test.ts checks the result against the installed mermaid's
// assignWithDepth on mermaid's real configuration and on random ones.

/** mermaid's assignWithDepth(dst, src, { depth }). */
export type AssignWithDepth = (dst: unknown, src: unknown, options?: { depth?: number }) => unknown;

/** Sets an own property as assignWithDepth does: "__proto__" must become a property, not the prototype. */
function put(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  else target[key] = value;
}

/** assignWithDepth([], array): the array's items in order, each once (holes skipped, as forEach does). */
function uniqueItems(array: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  array.forEach((item) => {
    if (!out.includes(item)) out.push(item);
  });
  return out;
}

/** assignWithDepth(copy, source, { depth }) for an empty `copy`, a plain (non-array) source and depth >= 1. */
function copyLevel(source: Record<string, unknown>, depth: number, copy: Record<string, unknown> = {}): Record<string, unknown> {
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (value === null) continue; // assignWithDepth leaves null-valued keys out
    if (typeof value !== 'object') {
      // A plain value is set only where the copy has no object yet: inherited, that is only "__proto__".
      if (key !== '__proto__') copy[key] = value;
    } else if (Array.isArray(value)) put(copy, key, uniqueItems(value));
    // At depth 0, assignWithDepth ends in Object.assign: a shallow copy.
    else put(copy, key, depth > 1 ? copyLevel(value as Record<string, unknown>, depth - 1) : Object.assign({}, value));
  }
  return copy;
}

/** An object with nothing in it yet, as `{}` makes it: no own keys, Object's prototype, extensible. */
function isNewEmptyObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype && Object.isExtensible(value) && Reflect.ownKeys(value).length === 0;
}

/**
 * Mermaid's assignWithDepth, with the copy into an empty object (`assignWithDepth({}, config)`, the
 * default depth of 2) made by copyLevel. Any other call, an array, a target that already has keys,
 * or a depth given, goes to mermaid's own function.
 */
export function withFastCopy(assignWithDepth: AssignWithDepth): AssignWithDepth {
  return (dst, src, options) => {
    if (options === undefined && isNewEmptyObject(dst) && typeof src === 'object' && src !== null && !Array.isArray(src)) {
      copyLevel(src as Record<string, unknown>, 2, dst);
      return dst;
    }
    return assignWithDepth(dst, src, options);
  };
}
