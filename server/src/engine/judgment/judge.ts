// Status from substance: for each step of the rubric, present / thin / missing, its checkpoints and
// its score, the way a careful reviewer reads a doc (DOMAIN.md, "Prompts are not answers" and "The
// reviewer's rubric"). docs/judgment.md explains the decision; the case tables under
// test/unit/judgment/ show it on small docs.
//
//   1. Every passage is classified (prompts.ts): only statements count as content.
//   2. Every checkpoint of every step is looked for in the statements of the whole doc (phrases.ts),
//      preferring evidence inside the step's own sections.
//   3. A section mapped to the step by its heading is substantial when its statements say something:
//      a few sentences, a diagram, or named specifics (two model families, two metrics, a met checkpoint
//      with specifics). The best section decides when several map to one step.
//   4. Without a substantial section, checkpoints met elsewhere in the doc (content with no heading of
//      its own) make the step present when there are enough of them.
import type { CheckpointDefinition, CheckpointResult, Coverage, CoverageEntry, DesignDoc, Passage, Section, StepDefinition, Rubric } from '../types';
import { clearPhraseMemos, compilePhrases, type PhraseList } from './phrases';
import { classifyText, type PassageRole } from './prompts';
import { DEFAULT_CHECKPOINTS, SYSTEM_KINDS } from './checkpoints';
import { metricsIn } from '../metrics';
import { scoreStep } from './score';
import { headingWords } from '../headingMatch';
import { isRichPassage } from '../textMeasures';

/** Headings that say nothing of their content ("Overview", "High-level architecture", "Context"): the content must show the step. */
const GENERIC_WORDS = new Set([
  'overview',
  'introduction',
  'intro',
  'background',
  'context',
  'summary',
  'architecture',
  'implementation',
  'infra',
  'infrastructure',
  'performance',
  'approach',
  'methodology',
  'techniques',
  'components',
  'system',
  'design',
  'high',
  'level',
  'details',
  'notes',
  'обзор',
  'введение',
  'контекст',
  'архитектура',
  'инфраструктура',
  'методология',
  '背景',
  '概述',
  '架构',
  '概要',
  '背景と目的',
  '개요',
  '배경',
  'visão',
  'geral',
  'contexto',
  'arquitetura',
  'and',
  'the',
  'of',
  'и',
  'e',
  'a',
]);

export function isGenericTitle(title: string): boolean {
  const words = headingWords(title);
  return words.length > 0 && words.every((w) => GENERIC_WORDS.has(w));
}

/** A section that presents the writer's own questions. */
const QUESTIONS_HEADING = /question|вопрос|问题|提问|質問|질문|pergunta/i;

/** Stated words a section needs, with one passage of at least LONGEST words, to count without specifics. */
export const MIN_WORDS = 12;
export const LONGEST = 5;
/** Distinct checkpoints met outside a substantial section of the step that make it present. */
export const CHECKPOINTS_WITHOUT_SECTION = 2;
/** What a checkpoint met inside another step's section weighs towards that (StepDefinition.withoutSection). */
export const FOREIGN_WEIGHT = 0.5;

const roleMemo = new Map<string, PassageRole>();

/** Forgets the passages and texts judged so far, so that a benchmark times a lint of text never seen before. */
export function clearJudgmentMemos(): void {
  roleMemo.clear();
  clearPhraseMemos();
}

/** Each table row's header row (its table's first row; a header maps to itself): rows a line or two apart, the delimiter row between, form one table. */
export function tableRowHeaders(doc: DesignDoc): Map<Passage, Passage> {
  const headerOf = new Map<Passage, Passage>();
  let previous: Passage | undefined;
  let header: Passage | undefined;
  for (const b of doc.passages) {
    if (b.kind === 'table-row') {
      header = previous?.kind === 'table-row' && header && b.line - previous.endLine <= 2 ? header : b;
      headerOf.set(b, header);
    }
    previous = b;
  }
  return headerOf;
}

/** The header rows of the doc's tables: labels ("Metric | Why it fits | Target"), not answers. */
export function tableHeaders(doc: DesignDoc): Set<Passage> {
  return new Set(tableRowHeaders(doc).values());
}

/** The role of a passage (memoised by text: passages repeat across the edits of a doc). */
export function passageRole(passage: Passage): PassageRole {
  if (isRichPassage(passage.kind)) return 'statement';
  if (passage.placeholder) return 'placeholder';
  let role = roleMemo.get(passage.text);
  if (role === undefined) {
    if (roleMemo.size > 20000) roleMemo.clear();
    role = classifyText(passage.text);
    roleMemo.set(passage.text, role);
  }
  return role;
}

interface CompiledCheckpoint {
  def: CheckpointDefinition;
  /** The checkpoint's patterns; its phrases are matched through the step's list (`all`, `owners`). */
  patterns: RegExp[];
}
interface CompiledStep {
  step: StepDefinition;
  checkpoints: CompiledCheckpoint[];
  /** Every phrase of every checkpoint of the step: "specifics" in a section. */
  all: PhraseList;
  /** For each phrase of `all`, the checkpoints (indexes into `checkpoints`) it belongs to. */
  owners: Map<string, number[]>;
}
const compiledRubrics = new WeakMap<Rubric, CompiledStep[]>();
const KINDS = Object.entries(SYSTEM_KINDS).map(([kind, phrases]) => ({ kind, phrases: compilePhrases(phrases) }));

export function checkpointsOf(step: StepDefinition): CheckpointDefinition[] {
  return step.checkpoints ?? DEFAULT_CHECKPOINTS[step.id] ?? [];
}

function compile(rubric: Rubric): CompiledStep[] {
  let compiled = compiledRubrics.get(rubric);
  if (!compiled) {
    compiled = rubric.steps.map((step) => {
      const checkpoints = checkpointsOf(step).map((def) => ({ def, patterns: compilePatterns(def.patterns) }));
      const owners = new Map<string, number[]>();
      checkpoints.forEach((c, i) => {
        for (const phrase of c.def.phrases) {
          const key = phrase.trim();
          const list = owners.get(key) ?? [];
          if (!list.includes(i)) list.push(i);
          owners.set(key, list);
        }
      });
      return { step, checkpoints, all: compilePhrases(checkpoints.flatMap((c) => c.def.phrases)), owners };
    });
    compiledRubrics.set(rubric, compiled);
  }
  return compiled;
}

const proseLists = new WeakMap<StepDefinition, PhraseList>();
function compiledProse(step: StepDefinition): PhraseList {
  let list = proseLists.get(step);
  if (!list) proseLists.set(step, (list = compilePhrases(step.prose)));
  return list;
}

function proseHits(list: PhraseList, stated: Passage[]): number {
  const found = new Set<string>();
  for (const b of stated) for (const hit of list.all(b.text)) found.add(hit.phrase);
  return found.size;
}

/** A checkpoint's patterns, compiled once (built-in data only: a config's checkpoints have phrases). */
function compilePatterns(patterns: readonly string[] | undefined): RegExp[] {
  return (patterns ?? []).flatMap((p) => {
    try {
      return [new RegExp(p, 'iu')];
    } catch {
      return [];
    }
  });
}

/** The inputs the detector checkpoints need from the two checks. */
export interface CheckResults {
  'metric-gap'?: CoverageEntry;
  'latency-budget'?: CoverageEntry;
}

export function judgeSteps(doc: DesignDoc, rubric: Rubric, checks: CheckResults): Coverage {
  const compiled = compile(rubric);
  const coverage: Coverage = {};
  const stepOfSection = sectionSteps(doc);
  const passagesBySection: Passage[][] = [];
  for (const b of doc.passages) if (b.sectionIndex !== undefined) (passagesBySection[b.sectionIndex] ??= []).push(b);
  const headers = tableHeaders(doc);
  // Checkpoints are met by what the writer states in words: a metric or a loss only as a box in a diagram is not discussed.
  const stated = doc.passages.filter((b) => !isRichPassage(b.kind) && !headers.has(b) && passageRole(b) === 'statement');
  const kinds = systemKinds(doc, stated);
  // A guidance doc (a template or checklist: more words of prompts than of statements) has example
  // values and fragments among its prompts: scattered mentions there do not make a step, and a
  // clarifying-questions section holds prompts, not the writer's questions.
  const guidance = isGuidanceDoc(doc, headers);

  for (const { step, checkpoints, all, owners } of compiled) {
    /** Whether a section (by index) belongs to the step. */
    const own = (sectionIndex: number | undefined): boolean => sectionIndex !== undefined && (stepOfSection[sectionIndex] ?? []).includes(step.id);
    // 2. checkpoints, anywhere; evidence in the step's own sections first. One scan of each passage with
    // the step's phrase list (remembered per text) serves every checkpoint of the step.
    const evidence = phraseEvidence(checkpoints, all, owners, stated, own);
    const results: CheckpointResult[] = [];
    for (const [i, { def }] of checkpoints.entries()) {
      if (def.appliesTo && !def.appliesTo.some((k) => kinds.has(k))) continue;
      const found = checkpointLine(def, stated, own, checks, doc, evidence[i]);
      results.push(
        found === undefined ? { id: def.id, title: def.title, met: false, why: def.why } : { id: def.id, title: def.title, met: true, line: found.line, why: def.why, inStep: found.inStep },
      );
    }
    // 3. the sections whose heading maps to the step; the best decides.
    const sections = doc.sections.filter((s) => s.steps.includes(step.id));
    let best: { section: Section; substance: Substance } | undefined;
    for (const section of sections) {
      const substance = measure(doc, section, step.id, passagesBySection, all, step.id === 'evaluation', headers, guidance);
      // A met check inside the section ("responses within 200 ms") is a specific of the step that holds it.
      for (const r of results)
        if (r.met && r.inStep && (r.id === 'latency-budget' || r.id === 'metric-gap') && r.line !== undefined && r.line >= section.range.start.line && r.line <= section.range.end.line) {
          substance.specifics++;
          substance.checkpointHit = true;
          if (substance.specifics >= 2 && substance.words >= 3) substance.substantial = true;
        }
      // A heading that names the step only through an ambiguous word ("Overview", "Architecture")
      // counts when its content meets one of the step's checkpoints.
      if (substance.substantial && section.weakSteps?.includes(step.id) && (step.id !== 'clarify' || isGenericTitle(section.title)) && checkpoints.length && !substance.checkpointHit) {
        substance.substantial = false;
        substance.offTopic = true;
      }
      if (!best || rank(substance) > rank(best.substance)) best = { section, substance };
    }
    let entry: CoverageEntry;
    if (best && best.substance.substantial) {
      entry = { status: 'present', line: best.section.headingRange.start.line, sectionIndex: best.section.index, reason: `section "${best.section.title}"` };
    } else {
      // 4. content with no heading of its own.
      const foreignWeight = step.withoutSection?.foreignWeight ?? FOREIGN_WEIGHT;
      // The two checks are reported on their own: a latency figure among the requirements does not make a serving design.
      const metElsewhere = results.filter((r) => r.met && r.id !== 'latency-budget' && r.id !== 'metric-gap');
      const foreign = (line: number | undefined): boolean => {
        const b = line === undefined ? undefined : stated.find((x) => x.line === line);
        return !!b && b.sectionIndex !== undefined && (stepOfSection[b.sectionIndex] ?? []).length > 0 && !own(b.sectionIndex);
      };
      const weight = metElsewhere.reduce((w, r) => w + (foreign(r.line) ? foreignWeight : 1), 0);
      const threshold = guidance ? Infinity : (step.withoutSection?.checkpoints ?? CHECKPOINTS_WITHOUT_SECTION);
      // A custom section without checkpoints: its `prose` phrases, each distinct one a signal.
      const proseSignals = checkpoints.length === 0 && step.prose.length ? proseHits(compiledProse(step), stated) : 0;
      const required = (step.withoutSection?.requires ?? []).every((id) => metElsewhere.some((r) => r.id === id));
      if ((checkpoints.length > 0 && weight >= threshold && required) || (checkpoints.length === 0 && proseSignals >= threshold)) {
        const line = Math.min(...metElsewhere.map((r) => r.line ?? Infinity));
        entry = {
          status: 'present',
          line: Number.isFinite(line) ? line : undefined,
          reason: metElsewhere.length
            ? `discussed without a heading of its own (${metElsewhere
                .map((r) => r.title.toLowerCase())
                .slice(0, 3)
                .join('; ')})`
            : `discussed without a heading of its own (${proseSignals} signals)`,
        };
      } else if (best) {
        entry = { status: 'thin', line: best.section.headingRange.start.line, sectionIndex: best.section.index, reason: thinReason(best.section, best.substance) };
      } else {
        entry = { status: 'missing', reason: 'no section or discussion found' };
      }
    }
    if (results.length) entry.checkpoints = results;
    entry.score = scoreStep(entry.status, entry.checkpoints);
    coverage[step.id] = entry;
  }
  return coverage;
}

interface Substance {
  substantial: boolean;
  words: number;
  longest: number;
  rich: boolean;
  prompts: number;
  specifics: number;
  /** Whether a statement of the section holds a phrase of one of the step's checkpoints. */
  checkpointHit: boolean;
  /** Set when the section's words are about something else than the step. */
  offTopic?: boolean;
}

function rank(s: Substance): number {
  return (s.substantial ? 1e6 : 0) + s.words + 10 * s.specifics;
}

/** More words of prompts (questions, guidance, placeholders) than of statements, and enough of them to tell. */
export function isGuidanceDoc(doc: DesignDoc, headers: Set<Passage> = tableHeaders(doc)): boolean {
  let prompt = 0;
  let stated = 0;
  for (const b of doc.passages) {
    if (isRichPassage(b.kind) || headers.has(b)) continue;
    if (passageRole(b) === 'statement') stated += b.words;
    else prompt += Math.max(b.words, 1);
  }
  return prompt >= 50 && prompt >= stated;
}

/** Steps each section belongs to: its own, or its nearest mapped ancestor's. */
function sectionSteps(doc: DesignDoc): string[][] {
  const out: string[][] = [];
  for (const s of doc.sections) out[s.index] = s.steps.length ? s.steps : s.parent !== undefined ? (out[s.parent] ?? []) : [];
  return out;
}

/** The section's content for a step: its body and descendants, except descendants mapped to other steps. */
function measure(
  doc: DesignDoc,
  section: Section,
  stepId: string,
  passagesBySection: Passage[][],
  specificsList: PhraseList,
  evaluation: boolean,
  headers: Set<Passage>,
  guidanceDoc: boolean,
): Substance {
  let words = 0;
  let longest = 0;
  let rich = false;
  let image = false;
  let prompts = 0;
  let promptWords = 0;
  const specifics = new Set<string>();
  // Under "Clarifying questions" the writer's questions are the content (the step asks for them);
  // in a guidance doc they stay prompts.
  const asksQuestions = !guidanceDoc && QUESTIONS_HEADING.test(section.title);
  const walk = (s: Section): void => {
    for (const b of passagesBySection[s.index] ?? []) {
      if (headers.has(b)) continue;
      let role = passageRole(b);
      if (role === 'question' && asksQuestions) role = 'statement';
      if (role !== 'statement') {
        prompts++;
        promptWords += Math.max(b.words, 1);
        continue;
      }
      if (b.kind === 'mermaid' || (b.kind === 'code' && b.endLine - b.line >= 3)) rich = true;
      if (b.kind === 'image') image = true;
      if (isRichPassage(b.kind)) continue;
      // A display formula written as a paragraph ("$$\hat{y} = …$$") is not prose.
      if (b.text.trimStart().startsWith('$$')) continue;
      words += b.words;
      longest = Math.max(longest, b.words);
      for (const hit of specificsList.all(b.text)) specifics.add(hit.phrase);
      // Named metrics are specifics of the evaluation step only.
      if (evaluation) for (const m of metricsIn(b.text, { inEvaluation: true })) specifics.add(`metric:${m.metric.name}`);
    }
    for (const childIndex of s.children) {
      const child = doc.sections[childIndex];
      if (child.steps.length && !child.steps.includes(stepId)) continue;
      walk(child);
    }
  };
  walk(section);
  // An image counts next to words of the writer's own: a template's stock diagram alone does not.
  if (image && words > 0) rich = true;
  // A section still made mostly of prompts (a template's questions with a fragment or an example value
  // among them) needs twice the substance: the writer has not answered it yet.
  const strict = promptWords >= words && words > 0 ? 2 : 1;
  const substantial = rich || (words >= MIN_WORDS * strict && longest >= LONGEST) || (specifics.size >= 2 * strict && words >= 3);
  return { substantial, words, longest, rich, prompts, specifics: specifics.size, checkpointHit: specifics.size > 0 };
}

function thinReason(section: Section, s: Substance): string {
  if (s.offTopic) return `section "${section.title}" does not address this step`;
  if (s.words === 0 && s.prompts > 0) return `section "${section.title}" holds only prompts or placeholders`;
  if (s.words === 0) return `section "${section.title}" is empty`;
  return `section "${section.title}" says little (${s.words} words)`;
}

/** Where a checkpoint is met: the detectors' own evidence, or the first passage its phrases or patterns were found in. */
function checkpointLine(
  def: CheckpointDefinition,
  stated: Passage[],
  own: (sectionIndex: number | undefined) => boolean,
  checks: CheckResults,
  doc: DesignDoc,
  scanned: Evidence,
): { line: number; inStep: boolean } | undefined {
  const at = (line: number | undefined, sectionIndex: number | undefined): { line: number; inStep: boolean } | undefined => (line === undefined ? undefined : { line, inStep: own(sectionIndex) });
  if (def.phrases.length === 0) {
    switch (def.id) {
      case 'metric-gap':
      case 'latency-budget': {
        const entry = checks[def.id];
        return entry?.status === 'present' && entry.line !== undefined ? at(entry.line, doc.passages.find((b) => b.line <= entry.line! && entry.line! <= b.endLine)?.sectionIndex) : undefined;
      }
      case 'offline-metrics':
      case 'online-metrics': {
        const kind = def.id === 'offline-metrics' ? 'offline' : 'online';
        let fallback: Passage | undefined;
        // In the evaluation step, what the writer lists under "Online metrics:" (a lead line, or a
        // heading) is an online metric even when the catalogue does not know it ("Saves per session").
        const labelled = labelledMetrics(doc, kind, own);
        if (labelled) return { line: labelled.line, inStep: true };
        for (const b of stated) {
          const inEval = own(b.sectionIndex);
          if (metricsIn(b.text, { inEvaluation: inEval }).some((m) => m.metric.kind === kind)) {
            if (inEval) return { line: b.line, inStep: true };
            fallback ??= b;
          }
        }
        return fallback ? { line: fallback.line, inStep: false } : undefined;
      }
    }
  }
  if (def.id === 'serving-path') {
    const diagram = doc.mermaidBlocks.find((m) => own(m.sectionIndex));
    if (diagram) return { line: diagram.range.start.line, inStep: true };
  }
  return scanned.own ? { line: scanned.own.line, inStep: true } : scanned.any ? { line: scanned.any.line, inStep: false } : undefined;
}

const METRIC_LABEL = { offline: /\boffline\b|офф?лайн|离线|オフライン|오프라인/i, online: /\bonline\b|\bbusiness metrics?\b|онлайн|线上|在线|オンライン|온라인/i };

/** The first stating item listed under a lead line or heading that names offline or online metrics, in the evaluation step. */
function labelledMetrics(doc: DesignDoc, kind: 'offline' | 'online', own: (sectionIndex: number | undefined) => boolean): Passage | undefined {
  const label = METRIC_LABEL[kind];
  const other = METRIC_LABEL[kind === 'offline' ? 'online' : 'offline'];
  let under = false;
  for (const b of doc.passages) {
    if (!own(b.sectionIndex)) {
      under = false;
      continue;
    }
    const section = b.sectionIndex !== undefined ? doc.sections[b.sectionIndex] : undefined;
    const byHeading = !!section && /metric|kpi|метрик|指标|指標|지표/i.test(section.title) && label.test(section.title) && !other.test(section.title);
    if (b.kind === 'paragraph' && /[:：]\s*$/.test(b.text.trim())) {
      under = /metric|kpi|метрик|指标|指標|지표/i.test(b.text) && label.test(b.text) && !other.test(b.text);
      continue;
    }
    if ((under || byHeading) && (b.kind === 'list-item' || (b.kind === 'table-row' && byHeading)) && passageRole(b) === 'statement' && b.words >= 1) return b;
    if (b.kind !== 'list-item') under = false;
  }
  return undefined;
}

interface Evidence {
  /** The first stating passage in the step's own sections that meets the checkpoint. */
  own?: Passage;
  /** The first anywhere. */
  any?: Passage;
}

/** For every checkpoint of a step, where its phrases (and patterns) first occur. */
function phraseEvidence(checkpoints: CompiledCheckpoint[], all: PhraseList, owners: Map<string, number[]>, stated: Passage[], own: (sectionIndex: number | undefined) => boolean): Evidence[] {
  const evidence: Evidence[] = checkpoints.map(() => ({}));
  const patterned = checkpoints.map((c, i) => (c.patterns.length ? i : -1)).filter((i) => i >= 0);
  let settled = 0;
  let seen = 0;
  for (const b of stated) {
    // Every checkpoint has its evidence in the step's own sections: nothing later can change it.
    if (settled === checkpoints.length) break;
    const isOwn = own(b.sectionIndex);
    // Outside the step, a passage only matters while some checkpoint has no evidence at all.
    if (!isOwn && seen === checkpoints.length) continue;
    const credit = (i: number): void => {
      const e = evidence[i];
      if (!e.any) {
        e.any = b;
        seen++;
      }
      if (isOwn && !e.own) {
        e.own = b;
        settled++;
      }
    };
    for (const hit of all.all(b.text)) for (const i of owners.get(hit.phrase) ?? []) credit(i);
    for (const i of patterned) if ((isOwn ? !evidence[i].own : !evidence[i].any) && checkpoints[i].patterns.some((re) => re.test(b.text))) credit(i);
  }
  return evidence;
}

/** Kinds of system the doc is about (recommendation, search, ads): two mentions make a kind. */
function systemKinds(doc: DesignDoc, stated: Passage[]): Set<string> {
  const kinds = new Set<string>();
  const title = doc.sections
    .filter((s) => s.level <= 2)
    .map((s) => s.title)
    .join('\n');
  for (const { kind, phrases } of KINDS) {
    let n = phrases.all(title).length * 2;
    for (const b of stated) {
      if (n >= 2) break;
      n += phrases.all(b.text).length;
    }
    if (n >= 2) kinds.add(kind);
  }
  return kinds;
}
