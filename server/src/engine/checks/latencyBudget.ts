// The serving latency budget check: a number for the serving path ("p99 < 100 ms",
// "respond within 200 ms", a per-stage table). Placeholders ("X ms", "`y` ms"), vague words
// ("low latency"), network round trips, training times and batch SLAs do not count.
import type { CoverageEntry, DesignDoc, Passage } from '../types';
import { passageRole, tableRowHeaders } from '../judgment/judge';

const NUMBER = String.raw`(?:\d+(?:[.,]\d+)?)`;
const UNIT = String.raw`(?:ms|msec|millis(?:econds?)?|milli-seconds?|µs|us|microseconds?|s|sec|secs|seconds?|мс|миллисекунд[аы]?|сек(?:унд[аы]?)?|с|毫秒|秒|ミリ秒|밀리초|초)`;
/** "100 ms", "50-80ms", "50–80 ms", "100ms", "0.2 s" */
const DURATION = new RegExp(String.raw`(?<![\w.])(${NUMBER})(?:\s*(?:-|–|—|to|до)\s*${NUMBER})?\s*(${UNIT})(?![\p{Script=Latin}\p{Script=Cyrillic}])`, 'giu');
/** "X ms", "`y` ms", "N ms", "?? ms", "<n> ms", "{{p99}} ms" */
const PLACEHOLDER_DURATION = new RegExp(
  String.raw`(?:^|[\s(<≤=:~])` + String.raw`(?:\x60[a-z?]{1,3}\x60|[xyzntk]|\?{1,3}|_+|<[a-z ]{1,12}>|\{\{[^}]{0,30}\}\}|\[[a-z ]{1,12}\])\s*(?:ms|msec|milliseconds?|s|sec|seconds?)\b`,
  'iu',
);

const LATENCY_CONTEXT =
  /задержк|врем[яени]+ (?:ответа|отклика|инференса|обработки)|скорость (?:ответа|обработки)|延迟|响应|耗时|レイテンシ|応答|遅延|지연|응답|안에|latência|tempo de resposta|latenc|p50|p9\d|p99\.?\d*|percentile|respon[sd]|within|budget|\bsla\b|\bslo\b|serv(?:e|ing)|inference|request|decid|decision|real[- ]?time|per query|per call|end[- ]to[- ]end|e2e|candidate generation|retrieval|ranking|rank(?:er)?\b|lookup|feature store|\bunder\b|faster|below|at most|[<≤]/i;
const STRONG_LATENCY =
  /задержк|врем[яени]+ (?:ответа|отклика|инференса|обработки)|скорость (?:ответа|обработки)|延迟|响应时间|耗时|レイテンシ|応答時間|遅延|지연|응답 시간|latência|tempo de resposta|latenc|p50|p9\d|percentile|respon[sd]|budget|\bslo\b|\bsla\b|end[- ]to[- ]end/i;
const NEVER_SERVING = /train|epoch|\brtt\b|round[- ]trip|\bping\b|nightly|batch job/i;
const SERVING_WORDS = /inference|serv|p9\d|respon|инференс|ответ|推理|响应|推論|추론/i;
const NOT_SERVING =
  /train(?:ing|ed|s)?\b|epoch|\brtt\b|round[- ]trip|\bping\b|network hop|nightly|batch job|daily job|cron|build time|compile|startup|start-up|boot|cold start|\bttl\b|timeout|time[- ]out|retention|window of|video length|clip|audio|duration of|seconds? long|minutes? long|think/i;

export interface LatencyEvidence {
  status: 'present' | 'placeholder' | 'none';
  line?: number;
  text?: string;
}

function scanPassage(passage: Passage, inServingSection: boolean): LatencyEvidence {
  const text = passage.text;
  if (!/\d|[xyzn?`_{<[]\s*(?:ms|s|sec)/i.test(text)) return { status: 'none' };
  const lines = text.split('\n');
  let placeholder: LatencyEvidence | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const lineNo = passage.line + (passage.kind === 'table-row' ? 0 : i);
    for (const m of line.matchAll(DURATION)) {
      const unit = m[2].toLowerCase();
      // "Training takes 36 h": not serving, unless the line is plainly about latency...
      if (NOT_SERVING.test(line) && !STRONG_LATENCY.test(line)) continue;
      // ...and "RTT latency 120 ms" is latency, but of the network, not of the serving path.
      if (NEVER_SERVING.test(line) && !SERVING_WORDS.test(line)) continue;
      // Seconds only count when the line is explicitly about latency ("P95 latency < 30 s").
      const isSeconds = /^(?:s|sec|с|сек|秒|초)/.test(unit) && !/^(?:ms|мс|ми)/.test(unit);
      // Inside the serving step any millisecond figure is about the serving path unless said otherwise.
      if (isSeconds ? !STRONG_LATENCY.test(line) : !(inServingSection || LATENCY_CONTEXT.test(line))) continue;
      return { status: 'present', line: lineNo, text: m[0].trim() };
    }
    if (!placeholder && PLACEHOLDER_DURATION.test(line) && LATENCY_CONTEXT.test(line)) {
      placeholder = { status: 'placeholder', line: lineNo, text: line.trim() };
    }
  }
  return placeholder ?? { status: 'none' };
}

export function findLatencyBudget(doc: DesignDoc): LatencyEvidence {
  let placeholder: LatencyEvidence | undefined;
  const serving = new Set<number>();
  for (const s of doc.sections) {
    const parentServing = s.parent !== undefined && serving.has(s.parent);
    if (s.steps.includes('serving') || parentServing) serving.add(s.index);
  }
  // A table's first row is its header: "| Stage | P99, ms |" gives the rows' bare numbers their unit.
  const headerOf = tableRowHeaders(doc);
  for (const passage of doc.passages) {
    if (passage.kind === 'code' || passage.kind === 'math') continue;
    const header = headerOf.get(passage);
    const inServing = passage.sectionIndex !== undefined && serving.has(passage.sectionIndex);
    // Mermaid labels such as "Ranker (< 50 ms)" are a budget too, written on the diagram.
    let evidence = scanPassage(passage, inServing);
    if (evidence.status === 'none' && header && header !== passage) evidence = scanTableRow(passage, header, inServing);
    // A number in a template's guidance or placeholder ("p99 < `y` ms", "{{200 ms}}") is a prompt, not a budget;
    // a number asked back to the interviewer ("Latency - 200 ms?") is a proposed budget.
    const role = passage.kind === 'mermaid' ? 'statement' : passageRole(passage);
    if (evidence.status === 'present' && role !== 'statement' && role !== 'question') {
      const lineOfPassage = passage.text.split('\n')[Math.max(0, (evidence.line ?? passage.line) - passage.line)] ?? passage.text;
      placeholder ??= { status: 'placeholder', line: evidence.line, text: lineOfPassage.trim().slice(0, 80) };
      continue;
    }
    if (evidence.status === 'present') return evidence;
    if (evidence.status === 'placeholder') placeholder ??= evidence;
  }
  return placeholder ?? { status: 'none' };
}

const HEADER_UNIT = /(?:^|[\s(,/[])(?:ms|msec|milliseconds?|мс|毫秒|ミリ秒|밀리초)(?:$|[\s),/\]])/iu;
const BARE_NUMBER = /(?:^|\|)\s*[<≤~]?\s*(\d+(?:[.,]\d+)?)\s*(?:\||$)/u;

/** A row of bare numbers under a header that names latency and a unit ("Latency budget (P99, ms)"). */
function scanTableRow(passage: Passage, header: Passage, inServing: boolean): LatencyEvidence {
  if (!HEADER_UNIT.test(header.text) || !(STRONG_LATENCY.test(header.text) || (inServing && LATENCY_CONTEXT.test(header.text)))) return { status: 'none' };
  if (NOT_SERVING.test(passage.text) && !STRONG_LATENCY.test(passage.text)) return { status: 'none' };
  const m = BARE_NUMBER.exec(passage.text);
  return m ? { status: 'present', line: passage.line, text: `${m[1]} ms (${passage.text.split('|')[0].trim()})` } : { status: 'none' };
}

export function detectLatencyBudget(doc: DesignDoc): CoverageEntry {
  const evidence = findLatencyBudget(doc);
  if (evidence.status === 'present') return { status: 'present', line: evidence.line, reason: `latency target "${evidence.text}"`, evidence: evidence.text };
  if (evidence.status === 'placeholder') return { status: 'thin', line: evidence.line, reason: `only a placeholder: "${evidence.text}"`, evidence: evidence.text };
  return { status: 'missing', reason: 'no numeric serving latency target' };
}
