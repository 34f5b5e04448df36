// Builds the design-doc model from chunk summaries: the heading tree (real headings plus
// bold lines and list items that act as headings), each section's passages (its content), mermaid blocks,
// control comments and front matter. Which step a section maps to is stepMapping.ts's policy.
import { splitChunks, type ChunkCache, type Item } from './parse';
import type { HeadingMatcher } from './headingMatch';
import { createStepMapper, hasSingleH1, isDocumentTitle } from './stepMapping';
import { measurePassage } from './textMeasures';
import type { ControlComment, DesignDoc, MermaidBlock, Passage, Range, Section } from './types';
import { computeLineStarts, lineText } from './markdownLines';

// Line helpers live in markdownLines.ts; re-exported for the rules and fixes that import them from here.
export { computeLineStarts, lineText };

function lineRange(line: number, startCol: number, endLine: number, endCol: number): Range {
  return { start: { line, character: startCol }, end: { line: endLine, character: endCol } };
}

const CONTROL_COMMENT = /<!--\s*mlsd-(disable-next-line|disable-file|disable|enable)\b([\s\S]*?)-->/g;

function parseControlComments(value: string, line: number, out: ControlComment[]): void {
  for (const m of value.matchAll(CONTROL_COMMENT)) {
    const rules = m[2].split(/[\s,]+/).filter(Boolean);
    out.push({ kind: m[1] as ControlComment['kind'], rules, line });
  }
}

interface OpenSection {
  section: Section;
  pseudo: boolean;
}

export function buildDesignDoc(text: string, cache: ChunkCache, matcher: HeadingMatcher): DesignDoc {
  const lineStarts = computeLineStarts(text);
  const lineCount = lineStarts.length;
  const sections: Section[] = [];
  const passages: Passage[] = [];
  const mermaidBlocks: MermaidBlock[] = [];
  const controlComments: ControlComment[] = [];
  const parseLimits: DesignDoc['parseLimits'] = [];

  const realStack: Section[] = [];
  let current: OpenSection | undefined;

  const mapper = createStepMapper(matcher, sections);

  const openSection = (item: Extract<Item, { kind: 'heading' | 'pseudo' }>, offset: number, level: number, parent: Section | undefined, steps: string[]): Section => {
    const line = item.line + offset;
    const endLine = item.kind === 'heading' ? item.endLine + offset : line;
    const endCol = item.kind === 'heading' && item.style === 'setext' ? lineText(text, lineStarts, endLine).length : item.endCol;
    const section: Section = {
      index: sections.length,
      title: item.title,
      level,
      style: item.style,
      headingRange: lineRange(line, item.startCol, endLine, endCol),
      range: lineRange(line, 0, line, 0),
      steps,
      parent: parent?.index,
      children: [],
    };
    const weakSteps = mapper.weakStepsOf(item.title, steps);
    if (weakSteps) section.weakSteps = weakSteps;
    sections.push(section);
    if (parent) parent.children.push(section.index);
    return section;
  };

  const chunks = splitChunks(text).map((chunk) => ({ chunk, summary: cache.summary(chunk.text) }));
  const singleH1 = hasSingleH1(chunks.map(({ summary }) => summary));

  for (const { chunk, summary } of chunks) {
    for (const reason of summary.parseLimits ?? []) parseLimits.push({ line: chunk.startLine, reason });
    const offset = chunk.startLine;
    for (const item of summary.items) {
      switch (item.kind) {
        case 'heading': {
          while (realStack.length && realStack[realStack.length - 1].level >= item.level) realStack.pop();
          const parent = realStack[realStack.length - 1];
          const isTitle = isDocumentTitle(item.level, sections.length, singleH1);
          const section = openSection(item, offset, item.level, parent, isTitle ? [] : mapper.stepsFor(item.title, parent));
          realStack.push(section);
          current = { section, pseudo: false };
          break;
        }
        case 'pseudo': {
          const parent = realStack[realStack.length - 1];
          const steps = mapper.stepsFor(item.title, parent);
          if (steps.length) {
            const section = openSection(item, offset, Math.min((parent?.level ?? 0) + 1, 7), parent, steps);
            current = { section, pseudo: true };
          } else {
            // Not a step heading: it is ordinary content of the enclosing section.
            current = parent ? { section: parent, pseudo: false } : undefined;
            const { words, placeholder } = measurePassage('paragraph', item.title);
            addPassage('paragraph', item.line + offset, item.line + offset, item.title, words, placeholder);
          }
          break;
        }
        case 'comment':
          parseControlComments(item.value, item.line + offset, controlComments);
          break;
        case 'content': {
          const line = item.line + offset;
          const endLine = item.endLine + offset;
          addPassage(item.passageKind, line, endLine, item.text, item.words ?? 0, item.placeholder ?? false);
          if (item.passageKind === 'mermaid') {
            const endText = lineText(text, lineStarts, endLine);
            mermaidBlocks.push({
              code: item.text,
              range: lineRange(line, 0, endLine, endText.length),
              codeStartLine: (item.codeStartLine ?? item.line + 1) + offset,
              sectionIndex: current?.section.index,
            });
          }
          break;
        }
      }
    }
  }

  // One object literal with every field, never a spread: V8 (Node 20) gives each object made by
  // `{ ...b, sectionIndex }` a hidden class of its own, ~260 bytes more per passage, kept with every
  // retained lint result and made again on every lint.
  function addPassage(kind: Passage['kind'], line: number, endLine: number, passageText: string, words: number, placeholder: boolean): void {
    passages.push({ kind, line, endLine, text: passageText, sectionIndex: current?.section.index, placeholder, words });
  }

  assignSectionRanges(sections, text, lineStarts, lineCount);

  return { text, lineStarts, lineCount, sections, mermaidBlocks, controlComments, passages, parseLimits };
}

/**
 * Section ranges: a real heading runs to the next heading of the same or a higher level; a pseudo
 * heading to the next heading of any kind inside its parent.
 */
function assignSectionRanges(sections: Section[], text: string, lineStarts: number[], lineCount: number): void {
  for (let i = 0; i < sections.length; i++) {
    const s = sections[i];
    let endLine = lineCount - 1;
    for (let j = i + 1; j < sections.length; j++) {
      const t = sections[j];
      const ends = s.style === 'bold' || s.style === 'list-item' ? true : t.style === 'atx' || t.style === 'setext' ? t.level <= s.level : false;
      if (ends) {
        endLine = t.headingRange.start.line - 1;
        break;
      }
    }
    if (s.style === 'bold' || s.style === 'list-item') {
      // A pseudo section also ends where its parent ends.
      const parent = s.parent !== undefined ? sections[s.parent] : undefined;
      if (parent) {
        for (let j = i + 1; j < sections.length; j++) {
          const t = sections[j];
          if ((t.style === 'atx' || t.style === 'setext') && t.level <= parent.level) {
            endLine = Math.min(endLine, t.headingRange.start.line - 1);
            break;
          }
        }
      }
    }
    endLine = Math.max(endLine, s.headingRange.end.line);
    s.range = lineRange(s.headingRange.start.line, 0, endLine, lineText(text, lineStarts, endLine).length);
  }
}
