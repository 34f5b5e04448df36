// The offline/online metric gap: does the doc say WHY offline and online metrics can
// disagree and what it does about it? Two plain metric lists, a heading "Metrics (offline and
// online)", offline/online feature skew or "compare online and offline predictions" do not count.
import type { ContentBlock, CoverageEntry, DesignDoc } from '../types';
import { blockRole } from '../judgment/judge';

const OFFLINE = /\boffline\b|\bhistorical (?:data|logs)\b|\blogged data\b|\bheld[- ]out\b|\btest set\b|\bbacktest/i;
const ONLINE = /\bonline\b|\ba\/?b\b|\blive traffic\b|\bproduction\b|\bbusiness (?:metric|outcome|kpi)s?\b|\bin production\b/i;
const DISAGREE =
  /disagree|do(?:es)?n['’]?t (?:always )?(?:correlate|translate|agree|match|reflect|guarantee|track)|(?:not|never|rarely) (?:always |usually |necessarily |a )?(?:good |reliable |perfect )?(?:indicator|proxy|predictor|correlat|translat|reflect|guarantee|align)|may not (?:reflect|translate|correlate|match)|mismatch|discrepanc|diverge|divergence|\bgap\b|misalign|inconsisten|proxy (?:for|metric|label)|poor proxy|imperfect proxy/i;
const CAUSES =
  /position bias|selection bias|presentation bias|exposure bias|logged by the (?:old|current|previous|production) model|feedback loop|novelty effect|primacy effect|non[- ]?stationar|distribution shift|counterfactual|off[- ]policy|inverse propensity|\bips\b|interleav|replay (?:evaluation|eval|testing)|replay the evaluation|biased offline/i;
const LOOKALIKE = /feature (?:skew|parity)|training[- ]serving skew|train[- ]serve skew|online and offline (?:features|predictions)|offline and online (?:features|predictions)|compare (?:online|offline) (?:and|vs\.?|with) (?:online|offline) predictions/i;
const GAP_HEADING = /offline.{0,40}online.{0,40}(?:gap|disagree|mismatch|discrepanc|correlat|differ)|metric(?:s)? gap|(?:gap|disagree|mismatch|discrepanc).{0,30}(?:offline|online)|why .*(?:offline|online)/i;

function isGapDiscussion(text: string): boolean {
  if (LOOKALIKE.test(text) && !CAUSES.test(text)) return false;
  const hasOffline = OFFLINE.test(text);
  const hasOnline = ONLINE.test(text);
  if ((hasOffline || hasOnline) && DISAGREE.test(text) && (hasOffline && hasOnline || /metric|evaluat|performance|indicator/i.test(text))) return true;
  if ((hasOffline || hasOnline || /metric|evaluat/i.test(text)) && CAUSES.test(text) && /metric|evaluat|a\/?b|experiment/i.test(text)) return true;
  return false;
}

function scannable(block: ContentBlock): boolean {
  return block.kind !== 'code' && block.kind !== 'mermaid' && block.kind !== 'math' && blockRole(block) === 'statement';
}

export function detectMetricGap(doc: DesignDoc): CoverageEntry {
  for (const block of doc.blocks) {
    if (scannable(block) && isGapDiscussion(block.text)) {
      return { status: 'present', line: block.line, reason: 'discusses why offline and online metrics disagree' };
    }
  }
  const heading = doc.sections.find((s) => GAP_HEADING.test(s.title));
  if (heading) return { status: 'thin', line: heading.headingRange.start.line, sectionIndex: heading.index, reason: `section "${heading.title}" does not yet say why the metrics disagree` };
  return { status: 'missing', reason: 'no discussion of why offline and online metrics can disagree' };
}
