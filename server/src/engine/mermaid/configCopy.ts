// A faster copy of mermaid's configuration, put in place of mermaid's own by the worker's build
// (scripts/mermaid-worker-build.mjs patches mermaid's `getConfig`).
//
// Mermaid's `getConfig()` returns `assignWithDepth({}, currentConfig)`: a copy two levels deep of
// the whole configuration (every diagram type's settings and the theme's variables, about a
// thousand properties), made with Object.entries, a closure per property and Object.defineProperty.
// Its parsers call it for every node with a label, and clear() for every diagram: in a folder of
// 300 docs that copying was 1.1 s of the mermaid thread's 1.7 s of parsing (docs/perf.md). This
// function makes the same copy with plain loops and assignments. test/unit/mermaid-config-copy.test.ts
// checks that it equals the installed mermaid's assignWithDepth({}, x) on mermaid's real
// configuration and on random ones.

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

/** assignWithDepth({}, source, { depth }) for a plain (non-array) object and depth >= 1. */
function copyLevel(source: Record<string, unknown>, depth: number): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
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

/** What mermaid's getConfig() returns, `assignWithDepth({}, config)` (depth 2), made faster. */
export function copyMermaidConfig<T extends object>(config: T): T {
  return copyLevel(config as Record<string, unknown>, 2) as T;
}
