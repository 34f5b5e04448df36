// The reusable blocks of templates/blocks.md (metrics tables, metric gap, latency budget, diagram)
// that quick fixes and snippets insert, delimited by `<!-- mlsd-snippet:NAME -->` …
// `<!-- /mlsd-snippet -->` marker lines that never reach a user's document.
import blocksSource from '../../../templates/blocks.md';
import { normaliseNewlines, trimBlankLines } from './markdownLines';
import { render, type SkeletonFormat } from './placeholders';

export const BLOCK_NAMES = ['metrics-table', 'metric-gap', 'latency-budget-table', 'two-stage-diagram'] as const;
export type BlockName = (typeof BLOCK_NAMES)[number];

let parsedBlocks: Map<string, string> | undefined;

function reusableBlocks(): Map<string, string> {
  parsedBlocks ??= parseBlocks(normaliseNewlines(blocksSource));
  return parsedBlocks;
}

/** templates/blocks.md as bundled, markers included (for tools that process templates). */
export function getBlocksSource(): string {
  return normaliseNewlines(blocksSource);
}

const BLOCK_START = /^\s*<!--\s*mlsd-snippet:([\w-]+)\s*-->\s*$/;
const BLOCK_END = /^\s*<!--\s*\/mlsd-snippet\s*-->\s*$/;

/** The text between each pair of snippet markers, by name. Unclosed or nested markers are an error in the template. */
export function parseBlocks(source: string): Map<string, string> {
  const blocks = new Map<string, string>();
  let open: { name: string; lines: string[] } | undefined;
  for (const line of source.split('\n')) {
    const start = BLOCK_START.exec(line);
    if (start) {
      if (open) throw new Error(`Template block '${start[1]}' starts inside block '${open.name}'.`);
      open = { name: start[1] ?? '', lines: [] };
    } else if (BLOCK_END.test(line)) {
      if (!open) throw new Error('Template block end marker without a start marker.');
      blocks.set(open.name, trimBlankLines(open.lines).join('\n'));
      open = undefined;
    } else if (open) {
      open.lines.push(line);
    }
  }
  if (open) throw new Error(`Template block '${open.name}' is never closed.`);
  return blocks;
}

/** A reusable block of templates/blocks.md, marker-free. */
export function getBlock(name: BlockName, format: SkeletonFormat = 'text'): string {
  const block = reusableBlocks().get(name);
  if (block === undefined) throw new Error(`templates/blocks.md has no '${name}' block.`);
  return render(block, format);
}

/** Removes the snippet marker lines; the blank lines around them stay as the template wrote them. */
export function removeMarkers(text: string): string {
  return text
    .split('\n')
    .filter((line) => !BLOCK_START.test(line) && !BLOCK_END.test(line))
    .join('\n');
}
