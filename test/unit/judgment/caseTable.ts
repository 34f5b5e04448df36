// Shared shape of the detector case tables in this folder (issue 10, "Detection you can tune without
// fear"). Every `*.cases.ts` exports CASES (the detector must agree) and KNOWN_GAPS (cases where the
// engine is wrong today: they run with `it.fails`, so the suite stays green while the gap stays visible;
// when a tuning fixes one, its `it.fails` turns red: move the case to CASES).
//
// A tuner adds a case to a table and runs `npx vitest run test/unit/judgment`: each case is its own
// named test ("<text> → <expected> (<why>)"), so the cases that flip are listed by name.

export interface Case<E> {
  /** The input, exactly as the detector receives it (a passage of text, a heading, or a small Markdown doc). */
  text: string;
  /** What the detector must answer. */
  expected: E;
  /** Why: the rule of DOMAIN.md or of the detector's header that the case pins down. */
  why: string;
}

const MAX_TEXT = 70;

/** A test name that shows the text (shortened, newlines visible), the expectation and why. */
export function caseName(c: { text: string; expected: unknown; why: string }): string {
  let text = JSON.stringify(c.text);
  if (text.length > MAX_TEXT) text = `${text.slice(0, MAX_TEXT - 4)}…"`;
  return `${text} → ${JSON.stringify(c.expected)} (${c.why})`;
}

/** Rows for `it.each`: the name first (printed with %s), the case second. */
export function rows<C extends { text: string; expected: unknown; why: string }>(cases: readonly C[]): [string, C][] {
  return cases.map((c) => [caseName(c), c]);
}

/** Texts that appear twice in a table (or in both CASES and KNOWN_GAPS) would hide a contradiction. */
export function duplicateTexts(...tables: readonly { text: string; phrases?: readonly string[] }[][]): string[] {
  const seen = new Set<string>();
  const dup: string[] = [];
  for (const table of tables)
    for (const c of table) {
      const key = `${(c.phrases ?? []).join('|')}\u0000${c.text}`;
      if (seen.has(key)) dup.push(c.text);
      seen.add(key);
    }
  return dup;
}
