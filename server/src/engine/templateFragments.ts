// The reusable fragments of templates/fragments.md (metrics tables, metric gap, latency budget, diagram)
// that quick fixes and snippets insert, delimited by `<!-- mlsd-snippet:NAME -->` …
// `<!-- /mlsd-snippet -->` marker lines that never reach a user's document.
import fragmentsSource from '../../../templates/fragments.md';
import { normaliseNewlines, trimBlankLines } from './markdownLines';
import { render, type SkeletonFormat } from './placeholders';

export const FRAGMENT_NAMES = ['metrics-table', 'metric-gap', 'latency-budget-table', 'two-stage-diagram'] as const;
export type FragmentName = (typeof FRAGMENT_NAMES)[number];

let parsedFragments: Map<string, string> | undefined;

function reusableFragments(): Map<string, string> {
  parsedFragments ??= parseFragments(normaliseNewlines(fragmentsSource));
  return parsedFragments;
}

/** templates/fragments.md as bundled, markers included (for tools that process templates). */
export function getFragmentsSource(): string {
  return normaliseNewlines(fragmentsSource);
}

const FRAGMENT_START = /^\s*<!--\s*mlsd-snippet:([\w-]+)\s*-->\s*$/;
const FRAGMENT_END = /^\s*<!--\s*\/mlsd-snippet\s*-->\s*$/;

/** The text between each pair of snippet markers, by name. Unclosed or nested markers are an error in the template. */
export function parseFragments(source: string): Map<string, string> {
  const fragments = new Map<string, string>();
  let open: { name: string; lines: string[] } | undefined;
  for (const line of source.split('\n')) {
    const start = FRAGMENT_START.exec(line);
    if (start) {
      if (open) throw new Error(`Template fragment '${start[1]}' starts inside fragment '${open.name}'.`);
      open = { name: start[1] ?? '', lines: [] };
    } else if (FRAGMENT_END.test(line)) {
      if (!open) throw new Error('Template fragment end marker without a start marker.');
      fragments.set(open.name, trimBlankLines(open.lines).join('\n'));
      open = undefined;
    } else if (open) {
      open.lines.push(line);
    }
  }
  if (open) throw new Error(`Template fragment '${open.name}' is never closed.`);
  return fragments;
}

/** A reusable fragment of templates/fragments.md, marker-free. */
export function getFragment(name: FragmentName, format: SkeletonFormat = 'text'): string {
  const fragment = reusableFragments().get(name);
  if (fragment === undefined) throw new Error(`templates/fragments.md has no '${name}' fragment.`);
  return render(fragment, format);
}

/** Removes the snippet marker lines; the blank lines around them stay as the template wrote them. */
export function removeMarkers(text: string): string {
  return text
    .split('\n')
    .filter((line) => !FRAGMENT_START.test(line) && !FRAGMENT_END.test(line))
    .join('\n');
}
