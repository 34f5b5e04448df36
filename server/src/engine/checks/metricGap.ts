// The offline/online metric gap: does the doc say WHY offline and online metrics can
// disagree and what it does about it? Two plain metric lists, a heading "Metrics (offline and
// online)", offline/online feature skew or "compare online and offline predictions" do not count.
import type { CoverageEntry, DesignDoc, Passage } from '../types';
import { passageRole } from '../judgment/judge';
import { metricsIn } from '../metrics';
import { countWords } from '../textMeasures';

const OFFLINE = /офф?лайн|离线|オフライン|오프라인|\boffline\b|\bhistorical (?:data|logs)\b|\blogged data\b|\bheld[- ]out\b|\btest set\b|\bbacktest/i;
const ONLINE = /онлайн|线上|在线|オンライン|온라인|\bonline\b|\ba\/?b\b|\blive traffic\b|\bproduction\b|\bbusiness (?:metric|outcome|kpi)s?\b|\bin production\b/i;
const DISAGREE =
  /не всегда|не совпада|расхожд|不一致|差异|不一定|一致しない|乖離|불일치|일치하지|disagree|do(?:es)?n['’]?t (?:always |necessarily )?(?:move|improve|lift|carry over|show up|hold)|(?:does|do|will|would|may|might|can) not (?:always |necessarily )?(?:move|improve|lift|carry over|show up|hold|correlate|translate|agree|match|reflect)|fail(?:s|ed)? to (?:move|improve|lift|translate|carry)|do(?:es)?n['’]?t (?:always )?(?:correlate|translate|agree|match|reflect|guarantee|track)|(?:not|never|rarely) (?:always |usually |necessarily |a )?(?:good |reliable |perfect )?(?:indicator|proxy|predictor|correlat|translat|reflect|guarantee|align)|may not (?:reflect|translate|correlate|match)|mismatch|discrepanc|diverge|divergence|\bgap\b|misalign|inconsisten|proxy (?:for|metric|label)|poor proxy|imperfect proxy/i;
const CAUSES =
  /logs? only (?:contain|include|show|cover)|(?:old|current|previous|production) model (?:chose|picked|selected|showed|ranked)|chosen by the (?:old|current|previous) model|смещени|偏差|偏置|バイアス|편향|position bias|selection bias|presentation bias|exposure bias|logged by the (?:old|current|previous|production) model|feedback loop|novelty effect|primacy effect|non[- ]?stationar|distribution shift|counterfactual|off[- ]policy|inverse propensity|\bips\b|interleav|replay (?:evaluation|eval|testing)|replay the evaluation|biased offline/i;
const LOOKALIKE =
  /feature (?:skew|parity|distributions?|values)|training ?[-/] ?serving skew|train ?[-/] ?serve skew|offline and online (?:stores?|values|feature stores?)|online and offline (?:stores?|values|feature stores?)|online and offline (?:features|predictions)|offline and online (?:features|predictions)|compare (?:online|offline) (?:and|vs\.?|with) (?:online|offline) predictions/i;
const GAP_HEADING =
  /offline.{0,40}online.{0,40}(?:gap|disagree|mismatch|discrepanc|correlat|differ)|metric(?:s)? gap|(?:gap|disagree|mismatch|discrepanc).{0,30}(?:offline|online)|why .*(?:offline|online)/i;

/** "but", "however", "not", "destroy": a sentence that sets a named offline metric against a named online one. */
const CONTRAST = /\bbut\b|\bhowever\b|\byet\b|\bnot\b|n['’]t\b|\bdestroy|\bhurt|\bwhile\b|\bwhereas\b|\bdespite\b|\beven though\b|но |однако|但|却|しかし|하지만/i;

function setsMetricsAgainstEachOther(text: string): boolean {
  for (const sentence of text.split(/(?<=[.!?。？！;])\s+/u)) {
    if (!CONTRAST.test(sentence)) continue;
    const kinds = new Set(metricsIn(sentence, { inEvaluation: true }).map((m) => m.metric.kind));
    if (kinds.has('offline') && kinds.has('online')) return true;
  }
  return false;
}

/** Whether a text (a passage of prose) says why offline and online metrics disagree. Table rows set metrics side by side, not against each other. */
export function isGapDiscussion(text: string, tableRow = false): boolean {
  // A title ("Offline vs. online discrepancies") names the topic; a discussion says something about it.
  // (Chinese and Japanese run words together: count their characters, two to a word.)
  if (countWords(text) + Math.floor((text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu)?.length ?? 0) / 2) < 6) return false;
  if (LOOKALIKE.test(text) && !CAUSES.test(text)) return false;
  if (!tableRow && setsMetricsAgainstEachOther(text)) return true;
  const hasOffline = OFFLINE.test(text);
  const hasOnline = ONLINE.test(text);
  if ((hasOffline || hasOnline) && DISAGREE.test(text) && ((hasOffline && hasOnline) || /metric|evaluat|performance|indicator/i.test(text))) return true;
  if ((hasOffline || hasOnline || /metric|evaluat/i.test(text)) && CAUSES.test(text) && /metric|evaluat|a\/?b|experiment/i.test(text)) return true;
  return false;
}

function scannable(passage: Passage): boolean {
  return passage.kind !== 'code' && passage.kind !== 'mermaid' && passage.kind !== 'math' && passageRole(passage) === 'statement';
}

export function detectMetricGap(doc: DesignDoc): CoverageEntry {
  for (const passage of doc.passages) {
    if (scannable(passage) && isGapDiscussion(passage.text, passage.kind === 'table-row')) {
      return { status: 'present', line: passage.line, reason: 'discusses why offline and online metrics disagree' };
    }
  }
  const heading = doc.sections.find((s) => GAP_HEADING.test(s.title));
  if (heading) return { status: 'thin', line: heading.headingRange.start.line, sectionIndex: heading.index, reason: `section "${heading.title}" does not yet say why the metrics disagree` };
  return { status: 'missing', reason: 'no discussion of why offline and online metrics can disagree' };
}
