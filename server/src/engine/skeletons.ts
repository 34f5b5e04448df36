// Design-doc templates as data: the engine's fixes, the language server's completions, the snippet
// generator and the client's commands all read the same Markdown files in templates/, so a change
// to a template shows up everywhere. Pure: the .md files are bundled as text (esbuild and vitest
// both load `.md` as a string), nothing touches the file system.
//
// Layout of templates/ (index.json lists the case studies: the one registry; the imports of their
// files are generated from it into templateSources.generated.ts by scripts/gen-template-sources.mjs):
//   - `<case>.md`: what "New Design Doc from Template" creates: the case's problem statement, the
//     seven step headings and, under each, the questions to answer. Prompts only, no answers, so a
//     doc fresh from a template reads as unfinished. generic.md's step sections are also the
//     skeletons the missing-step fix and heading completion insert.
//   - `examples/<case>.md`: a worked example of the same case, every question answered (the
//     practice debrief and "Open Worked Example" show it).
//   - `blocks.md`: the reusable blocks (metrics tables, metric gap, latency budget, diagram) that
//     quick fixes and snippets insert; not a case study.
//
// Template conventions:
//   - `{{label}}` marks a value the writer replaces. It stays as written in created documents and
//     inserted skeletons ('text' format; the unfilled-placeholder rule flags it until it is
//     replaced), becomes a tab stop in snippets ('snippet') and its bare label in 'plain'.
//     Placeholders are not recognised inside fenced code blocks, because mermaid uses `{{…}}` for
//     hexagon nodes.
//   - `<!-- mlsd-snippet:NAME -->` … `<!-- /mlsd-snippet -->` (each on its own line) delimit the
//     reusable blocks of blocks.md. The markers never reach a user's document.
import { DEFAULT_STEP_IDS, type DefaultStepId } from './types';
import manifest from '../../../templates/index.json';
import blocksSource from '../../../templates/blocks.md';
import { splitFrontMatter, walkFences } from './markdownLines';
import { EXAMPLE_SOURCES as EXAMPLES, TEMPLATE_SOURCES as SOURCES } from './templateSources.generated';

export { walkFences };

export interface TemplateInfo {
  id: string;
  title: string;
  description: string;
}

export interface StepSkeleton {
  /** The step's heading text without the number, e.g. "Clarify requirements". */
  title: string;
  /** The step's position in the seven-step template (1-7), for docs that number their headings. */
  number: number;
  /** Everything under the heading, subsections included, without the heading line itself. */
  body: string;
}

export const BLOCK_NAMES = ['metrics-table', 'metric-gap', 'latency-budget-table', 'two-stage-diagram'] as const;
export type BlockName = (typeof BLOCK_NAMES)[number];

/**
 * `text`: placeholders stay as `{{label}}` (what a created document or a quick fix inserts: the
 * writer still has to replace them, and the unfilled-placeholder rule says so).
 * `snippet`: placeholders become numbered tab stops in LSP / VS Code snippet syntax, with `$`, `}`
 * and `\` escaped (what a snippet completion inserts).
 * `plain`: placeholders become their bare label (for previews and tools that want no braces).
 */
export type SkeletonFormat = 'text' | 'snippet' | 'plain';

/** A writer-replaceable value: `{{p99 target}}`. No braces or line breaks inside the label. */
export const PLACEHOLDER_PATTERN = /\{\{([^{}\n]+)\}\}/g;

interface ManifestEntry extends TemplateInfo {
  /** The question-only template, relative to templates/. */
  file: string;
  /** The worked example, relative to templates/. */
  example: string;
}

/** Templates offered to users (quick pick, "new design doc"), in manifest order. */
export const TEMPLATES: readonly TemplateInfo[] = (manifest as ManifestEntry[]).map(({ id, title, description }) => ({ id, title, description }));

export function findTemplate(id: string): TemplateInfo | undefined {
  return TEMPLATES.find((template) => template.id === id);
}

/** The raw template file, markers and `{{placeholders}}` included (for tools that process templates). */
export function getTemplateSource(id: string): string {
  const source = SOURCES[id];
  if (source === undefined) {
    throw new Error(`Unknown design-doc template '${id}'. Known templates: ${Object.keys(SOURCES).join(', ')}.`);
  }
  return normaliseNewlines(source);
}

/**
 * The document a user gets from a template: markers removed, `{{placeholders}}` kept for the
 * writer to replace (tab stops in snippet form), and the template-only `description` front-matter
 * key dropped (title and `mlsd: true` stay).
 */
export function getTemplateText(id: string, format: SkeletonFormat = 'text'): string {
  return documentText(getTemplateSource(id), format);
}

/** The raw worked example of a case study (templates/examples/<id>.md). */
export function getExampleSource(id: string): string {
  const source = EXAMPLES[id];
  if (source === undefined) {
    throw new Error(`No worked example for '${id}'. Known examples: ${Object.keys(EXAMPLES).join(', ')}.`);
  }
  return normaliseNewlines(source);
}

/** Whether a case study has a worked example. */
export function hasExample(id: string): boolean {
  return Object.prototype.hasOwnProperty.call(EXAMPLES, id);
}

/** Title and description of a case's worked example, from its front matter (for pickers and tab titles). */
export function getExampleInfo(id: string): TemplateInfo {
  const { frontMatter = '' } = splitFrontMatter(getExampleSource(id));
  const value = (key: string): string | undefined => {
    const raw = new RegExp(`^${key}\\s*:\\s*(.*)$`, 'm').exec(frontMatter)?.[1]?.trim();
    return raw?.replace(/^(["'])(.*)\1$/, '$2');
  };
  const template = findTemplate(id);
  return { id, title: value('title') ?? template?.title ?? id, description: value('description') ?? template?.description ?? '' };
}

/** The worked example as a reader sees it: the same shape as a created document (no `description` key). */
export function getExampleText(id: string): string {
  return documentText(getExampleSource(id), 'text');
}

function documentText(source: string, format: SkeletonFormat): string {
  const { frontMatter, content } = splitFrontMatter(source);
  const keptFrontMatter = frontMatter
    ? ['---', ...frontMatter.split('\n').filter((line) => !/^description\s*:/.test(line)), '---', ''].join('\n')
    : '';
  // Front matter holds no placeholders; escape it as literal text in snippet form.
  const head = format === 'snippet' ? escapeSnippetText(keptFrontMatter) : keptFrontMatter;
  return head + render(removeMarkers(content), format);
}

/** Heading line, title and body of each `## ` step section of a template, in order. */
export interface ParsedStep {
  number: number;
  title: string;
  /** Raw body (markers and placeholders still in), trimmed of blank edge lines. */
  rawBody: string;
}

let parsedGenericSteps: ParsedStep[] | undefined;

function genericSteps(): ParsedStep[] {
  parsedGenericSteps ??= parseStepSections(splitFrontMatter(getTemplateSource('generic')).content);
  return parsedGenericSteps;
}

/** Splits a template into its `## ` sections (fenced code is skipped, so `## ` inside code does not count). */
export function parseStepSections(content: string): ParsedStep[] {
  const lines = content.split('\n');
  const steps: ParsedStep[] = [];
  let current: { number: number; title: string; lines: string[] } | undefined;
  const finish = (): void => {
    if (current) steps.push({ number: current.number, title: current.title, rawBody: trimBlankLines(current.lines).join('\n') });
  };
  for (const { line, inFence } of walkFences(lines)) {
    const heading = inFence ? null : /^## +(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      finish();
      const numbered = /^(\d+)[.)]\s+(.*)$/.exec(heading[1] ?? '');
      current = numbered
        ? { number: Number(numbered[1]), title: numbered[2] ?? '', lines: [] }
        : { number: steps.length + 1, title: heading[1] ?? '', lines: [] };
    } else if (current) {
      current.lines.push(line);
    }
  }
  finish();
  return steps;
}

export function getStepSkeleton(stepId: DefaultStepId, format?: SkeletonFormat): StepSkeleton;
export function getStepSkeleton(stepId: string, format?: SkeletonFormat): StepSkeleton | undefined;
export function getStepSkeleton(stepId: string, format: SkeletonFormat = 'text'): StepSkeleton | undefined {
  const index = (DEFAULT_STEP_IDS as readonly string[]).indexOf(stepId);
  const step = index >= 0 ? genericSteps()[index] : undefined;
  if (!step) return undefined;
  return { title: step.title, number: step.number, body: render(removeMarkers(step.rawBody), format) };
}

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

/** Placeholders outside fenced code, in order (what becomes tab stops). */
export function listPlaceholders(text: string): string[] {
  const labels: string[] = [];
  for (const { line, inFence } of walkFences(text.split('\n'))) {
    if (inFence) continue;
    for (const match of line.matchAll(PLACEHOLDER_PATTERN)) labels.push(match[1] ?? '');
  }
  return labels;
}

export function render(text: string, format: SkeletonFormat): string {
  if (format === 'snippet') return toSnippet(text);
  return format === 'plain' ? toPlainText(text) : text;
}

/** `{{label}}` -> `label` outside fenced code. */
export function toPlainText(text: string): string {
  return mapOutsideFences(text, (line) => line.replace(PLACEHOLDER_PATTERN, (_whole, label: string) => label));
}

/**
 * Snippet syntax: every placeholder outside fenced code becomes `${n:label}`, numbered from
 * `firstTabStop` in document order (each occurrence gets its own stop: a repeated label such as
 * "target" in a table means different values). Everything else is escaped so that `$`, `}` and `\`
 * are inserted literally.
 */
export function toSnippet(text: string, firstTabStop = 1): string {
  let next = firstTabStop;
  return mapOutsideFences(
    text,
    (line) => {
      let out = '';
      let last = 0;
      for (const match of line.matchAll(PLACEHOLDER_PATTERN)) {
        const at = match.index ?? 0;
        out += escapeSnippetText(line.slice(last, at));
        out += `\${${next++}:${escapeSnippetText(match[1] ?? '')}}`;
        last = at + match[0].length;
      }
      return out + escapeSnippetText(line.slice(last));
    },
    escapeSnippetText,
  );
}

/** Escapes text so a snippet engine inserts it literally (VS Code and LSP snippet grammar). */
export function escapeSnippetText(text: string): string {
  return text.replace(/[\\$}]/g, (character) => `\\${character}`);
}

function mapOutsideFences(text: string, outside: (line: string) => string, inside: (line: string) => string = (line) => line): string {
  const lines = text.split('\n');
  return Array.from(walkFences(lines), ({ line, inFence }) => (inFence ? inside(line) : outside(line))).join('\n');
}

function trimBlankLines(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && (lines[start] ?? '').trim() === '') start++;
  while (end > start && (lines[end - 1] ?? '').trim() === '') end--;
  return lines.slice(start, end);
}

function normaliseNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}
