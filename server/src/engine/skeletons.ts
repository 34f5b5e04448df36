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
//   - `fragments.md`: the reusable fragments (metrics tables, metric gap, latency budget, diagram) that
//     quick fixes and snippets insert; not a case study.
//
// Template conventions:
//   - `{{label}}` marks a value the writer replaces. It stays as written in created documents and
//     inserted skeletons ('text' format; the unfilled-placeholder rule flags it until it is
//     replaced), becomes a tab stop in snippets ('snippet') and its bare label in 'plain'.
//     Placeholders are not recognised inside fenced code blocks, because mermaid uses `{{…}}` for
//     hexagon nodes.
//   - `<!-- mlsd-snippet:NAME -->` … `<!-- /mlsd-snippet -->` (each on its own line) delimit the
//     reusable fragments of fragments.md. The markers never reach a user's document.
//
// This module is the registry (templates, worked examples, the generic step skeletons); the
// placeholder forms are placeholders.ts, the fragments of fragments.md templateFragments.ts.
import { DEFAULT_STEP_IDS, type DefaultStepId } from './types';
import manifest from '../../../templates/index.json';
import { normaliseNewlines, splitFrontMatter, trimBlankLines, walkFences } from './markdownLines';
import { escapeSnippetText, render, type SkeletonFormat } from './placeholders';
import { removeMarkers } from './templateFragments';
import { EXAMPLE_SOURCES as EXAMPLES, TEMPLATE_SOURCES as SOURCES } from './templateSources.generated';

export { walkFences };
// The placeholder forms and the reusable fragments have modules of their own; re-exported for the
// fixes, completions, snippet generator and tests that import them from here.
export { escapeSnippetText, listPlaceholders, PLACEHOLDER_PATTERN, render, toPlainText, toSnippet, type SkeletonFormat } from './placeholders';
export { FRAGMENT_NAMES, getFragment, getFragmentsSource, parseFragments, removeMarkers, type FragmentName } from './templateFragments';

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
  const keptFrontMatter = frontMatter ? ['---', ...frontMatter.split('\n').filter((line) => !/^description\s*:/.test(line)), '---', ''].join('\n') : '';
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
      current = numbered ? { number: Number(numbered[1]), title: numbered[2] ?? '', lines: [] } : { number: steps.length + 1, title: heading[1] ?? '', lines: [] };
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
