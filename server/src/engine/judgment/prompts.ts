// "Prompts are not answers" (DOMAIN.md): a passage of a design doc either states something or only
// prompts the writer. Questions, guidance addressed to the writer, numbered stand-ins ("Goal 1"),
// bracketed and `{{...}}` placeholders, ticked checklist criteria and "TBD" never count as content.
// A question followed by its answer ("Latency? 50 ms at p99.") is content. Case table:
// test/unit/judgment/prompts.cases.ts.
import { isPlaceholderText } from '../textMeasures';
import { compilePhrases } from './phrases';

export type PassageRole = 'statement' | 'question' | 'guidance' | 'stand-in' | 'placeholder' | 'checklist';

/** Imperatives and section descriptions that open guidance ("Describe…", "A summary of…", "Опишите…"). */
export const GUIDANCE_OPENERS = compilePhrases([
  // English imperatives addressed to the writer
  'describe', 'explain', 'provide', 'include', 'define', 'specify', 'outline', 'summarize', 'summarise',
  'write', 'mention', 'consider', 'think about', 'start by', 'be clear', 'be specific', 'identify',
  'discuss', 'justify', 'enumerate', 'elaborate', 'clarify', 'fill in', 'replace this', 'list the', 'list all', 'list your', 'list any',
  'note down', 'sketch', 'decide', 'propose', 'link to', 'remember to', 'don t forget', 'feel free', 'share any', 'share the', 'share your',
  'show how', 'show what', 'list pros', 'add any', 'note any', 'give an example', 'give a', 'walk through', 'call out',
  // descriptions of what a section holds
  'a summary of', 'a description of', 'an overview of', 'a brief', 'a short', 'brief description', 'short description',
  'description of', 'summary of', 'details of', 'details on', 'overview of', 'this section', 'in this section', 'here you',
  'usually framed', 'usually described',
  // Russian
  'опишите', 'опиши', 'укажите', 'перечислите', 'приведите', 'объясните', 'обоснуйте', 'добавьте', 'заполните', 'описание',
  'краткое описание', 'подробное описание', 'описываем', 'обозначаем', 'указываем', 'перечисляем',
  // Chinese, Japanese, Korean, Portuguese
  '描述', '列出', '说明', '请', '填写', '記述', '記入', '説明してください', '기술하', '작성하', '설명하',
  'descreva', 'liste', 'explique', 'defina', 'inclua', 'informe',
]);

/** Words that open a question even without a question mark ("Why the problem matters, and why now."). */
const QUESTION_OPENERS = compilePhrases([
  'what', 'why', 'how', 'which', 'who', 'whether', 'is there', 'are there', 'do we', 'does the', 'can we', 'should we',
  'что', 'почему', 'зачем', 'какие', 'какой', 'какая', 'каким', 'каких', 'кто', 'когда', 'где', 'сколько', 'нужно ли', 'есть ли',
  '什么', '为什么', '如何', '怎么', '是否', 'o que', 'por que', 'qual', 'quais', 'quando', 'onde',
]);

/** Addressing the writer: "How will you…", "your model", "вы", "ваш". */
const SECOND_PERSON = compilePhrases([
  'will you', 'would you', 'do you', 'did you', 'can you', 'should you', 'have you', 'are you', 'you should', 'you will', 'you can',
  'you may', 'you might', 'you need', 'you want', 'you ll', 'you d', 'your model', 'your system', 'your doc', 'your design', 'your team',
  'your approach', 'your answer', 'ваш*', 'вашей', 'вы', '你', 'あなた', '당신', 'você', 'seu modelo',
]);

/** "should be described", "are those that": how a template explains its own sections. */
/** Writing about the document itself ("This section…", "filling in section 4 is not required for every design doc"), not about the system. */
// ABOUT_THE_DOC and META are matched against the lower-cased text, without the case-insensitive flag:
// V8 scans them several times faster so (they run on every passage that reaches them).
const ABOUT_THE_DOC = /\b(?:this|the) (?:section|template)\b|\bdesign docs\b|\bin (?:this|the) (?:doc|document)\b|дизайн[- ]?док|заполнени\p{L}* раздел|раздел\p{L}* \d|этот раздел|шаблон|本节|このセクション|이 섹션/u;

const META = /\b(?:should|must|can|could|may) (?:be )?(?:described|listed|documented|explained|defined|stated|written|included|noted|filled|framed|considered|mentioned|specified)\b|\bare those that\b|\bis where\b|\bcan come in the form of\b|\bfor more details\b|\bsee (?:this|here)\b|\bsections?\b.*\b(?:adopt|add new)\b/;

/** How review criteria open: "Described: …", "Описан бизнес-контекст", "Есть диаграмма". */
const CRITERION = compilePhrases([
  'described', 'defined', 'documented', 'there is', 'there are', 'the doc', 'the document', 'design doc', 'reviewed', 'agreed',
  'описан*', 'определен*', 'определён*', 'указан*', 'есть', 'составлен*', 'проведен*', 'сформулирован*', 'документ', 'участники', 'согласован*',
  '已描述', '已定义', '描述了', '記述', 'descrito', 'definido',
]);

/** Numbered stand-ins: "Goal 1", "Requirement 2.", "Metric A", "Цель 1". */
const STAND_IN =
  /^(?:goal|requirement|metric|feature|objective|step|item|option|risk|assumption|milestone|task|use case|user story|constraint|kpi|stakeholder|model|component|цель|требование|метрика|признак|риск|задача|этап|目标|需求|指标|meta|requisito|métrica|objetivo)\s*(?:\d+|[a-z]|#\d+)[.:)]?$/iu;

/** `[Name]`, `<Product>`, `{{p99}}`, `[Classification / Regression / etc]`, `(fill in)`. */
const BRACKET_PLACEHOLDER = /\[[^\]\n]{1,80}\]|<[^>\n]{1,60}>|\{\{[^}\n]{0,80}\}\}/g;
const CURLY = /\{\{[^}\n]{0,80}\}\}/;

/** Markers of an unfinished value inside a line. */
const UNFINISHED = /(?<![\p{L}\p{N}])(?:tbd|tba|tbc|todo|fixme|to be (?:agreed|decided|determined|defined|confirmed|added|filled(?: in)?|written|done)|(?:\$?`?[xyzn]`?|\?\?+)\s*(?:ms|msec|s|sec|%|qps|rps|users)|позже|уточнить|待定|未定|미정)(?![\p{L}\p{N}])/iu;

/** A working answer inside a question: a figure or an explicit assumption. */
const ASSUMPTION = /\d|\b(?:we assume|i assume|assuming|assume|let's say|say)\b|предполож|допуст|假设|假定|仮定|가정/i;

/** A step handed to another document or team. */
const DEFERRAL = /\b(?:described|covered|documented|detailed|specified|defined|handled|discussed) (?:in|by) (?:the|their|our|a|another|separate|its own)\b.{0,40}\b(?:rfc|doc|document|design doc|spec|brief|page|team|wiki)\b|\bsee (?:the |our |their )?(?:\w+ )?(?:rfc|design doc|spec|brief|wiki)\b|\bout of scope (?:for|of) this (?:doc|document)\b|\bdeferred to\b|\b(?:handled|covered) elsewhere\b|\bstandard approaches? as before\b/i;

/** A role to fill a section in a process template ("Бизнес-цель `Product Owner`"). */
const ROLE_TAG = /(?:`|\(|\s)(?:product owner|data scientist|ml engineer|product manager|data engineer|tech lead)(?:`|\))?(?:\s*(?:&|\+|and|и|,)\s*`?(?:product owner|data scientist|ml engineer|product manager|data engineer|tech lead)`?)*\s*\.?\s*$/i;

function stripMarkup(text: string): string {
  return text
    .replace(/^\s*(?:[-*+]\s+|\d+[.)]\s+)/, '')
    .replace(/\*\*|__|`/g, '')
    .trim();
}

/** What a passage of text does: state something, or only prompt the writer. */
export function classifyText(raw: string): PassageRole {
  const text = raw.trim();
  if (!text) return 'placeholder';
  // A task-list box: a review criterion ("[x] Business context is described") is a prompt; a ticked
  // answer ("[x] Latency: < 200 ms p95") is read like any other line.
  const box = /^\[[ xX]\]\s+/.exec(text);
  if (box) {
    const rest = text.slice(box[0].length);
    if (!rest.trim() || CRITERION.opens(stripMarkup(rest)) || /\b(?:is|are|was|were|has been|have been) (?:described|defined|documented|listed|covered|agreed|reviewed|written|done)\b/i.test(rest)) return 'checklist';
    return classifyText(rest);
  }
  if (isPlaceholderText(text)) return 'placeholder';
  if (CURLY.test(text)) return 'placeholder';
  const plain = stripMarkup(text);
  if (STAND_IN.test(plain.replace(/[:.]\s*$/, ''))) return 'stand-in';
  // "**Problem:** [Business problem being solved]" and "Timeline: <date>": labels over bracketed blanks only.
  const withoutBlanks = plain.replace(BRACKET_PLACEHOLDER, ' ');
  if (withoutBlanks !== plain) {
    const rest = withoutBlanks.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    const restWords = rest ? rest.split(' ').length : 0;
    const labels = (plain.match(/[\p{L}][\p{L}\p{N} \-/]{0,40}:/gu) ?? []).length;
    if (restWords === 0 || (labels > 0 && restWords <= labels * 4)) return 'placeholder';
  }
  if (ROLE_TAG.test(text)) return 'guidance';
  // "Latency budget: N ms (to be agreed)", "TBD (probably logistic regression?)": an unfinished line.
  if (UNFINISHED.test(plain) && plain.split(/\s+/).length < 25) return 'placeholder';
  // "Model design is owned by the forecasting team and described in their RFC": a pointer elsewhere is not an answer.
  if (DEFERRAL.test(plain) && plain.split(/\s+/).length < 25) return 'placeholder';
  // A question that carries its own assumption or figure ("How many requests at peak (we assume 20k
  // QPS)?", "Latency - 200 ms?") is the writer's clarifying question with a working answer.
  if (isQuestion(plain)) return ASSUMPTION.test(plain) ? 'statement' : 'question';
  if (GUIDANCE_OPENERS.opens(plain)) return 'guidance';
  // "Some problems are too big to solve at once. Be clear about what's out of scope.": a sentence of
  // guidance inside a passage without a single figure makes the passage guidance.
  if (!/\d/.test(plain) && sentencesOf(plain).slice(1).some((s) => GUIDANCE_OPENERS.opens(s))) return 'guidance';
  if (SECOND_PERSON.test(plain)) return 'guidance';
  const lower = plain.toLowerCase();
  if (META.test(lower) || ABOUT_THE_DOC.test(lower)) return 'guidance';
  return 'statement';
}

/**
 * A question with no answer after it: every sentence ends with "?", or the passage opens with a
 * question word and has no answer marker (a colon or dash followed by text, a number).
 */
function sentencesOf(plain: string): string[] {
  return plain.split(/(?<=[.!?。？！])\s+|(?<=[。？！])/u).map((s) => s.trim()).filter((s) => /[\p{L}\p{N}]/u.test(s));
}

function isQuestion(plain: string): boolean {
  const sentences = sentencesOf(plain);
  if (!sentences.length) return false;
  if (sentences.every((s) => /[?？]["'”’)]*$/.test(s))) return true;
  // "Q? A." — the question is answered in the same passage.
  if (/[?？]/.test(plain)) {
    const last = sentences[sentences.length - 1];
    if (/[?？]["'”’)]*$/.test(last)) return !/[:：]\s*\S/.test(plain.replace(/[?？].*$/su, ''));
    return false;
  }
  if (QUESTION_OPENERS.opens(plain)) {
    if (/\d/.test(plain) || /[:：—–]\s*\S/.test(plain) || / - \S/.test(plain)) return false;
    return plain.split(/\s+/).length <= 20;
  }
  return false;
}

/** Whether a passage of this role counts as content. */
export function isStatement(role: PassageRole): boolean {
  return role === 'statement';
}
