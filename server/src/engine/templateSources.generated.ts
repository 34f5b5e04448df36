// Generated from templates/index.json by `node scripts/gen-template-sources.mjs`: do not edit.
import template0 from '../../../templates/generic.md';
import example0 from '../../../templates/examples/generic.md';
import template1 from '../../../templates/visual-search.md';
import example1 from '../../../templates/examples/visual-search.md';
import template2 from '../../../templates/street-view-blurring.md';
import example2 from '../../../templates/examples/street-view-blurring.md';
import template3 from '../../../templates/youtube-video-search.md';
import example3 from '../../../templates/examples/youtube-video-search.md';
import template4 from '../../../templates/harmful-content-detection.md';
import example4 from '../../../templates/examples/harmful-content-detection.md';
import template5 from '../../../templates/video-recommendation.md';
import example5 from '../../../templates/examples/video-recommendation.md';
import template6 from '../../../templates/event-recommendation.md';
import example6 from '../../../templates/examples/event-recommendation.md';
import template7 from '../../../templates/ad-click-prediction.md';
import example7 from '../../../templates/examples/ad-click-prediction.md';
import template8 from '../../../templates/similar-listings.md';
import example8 from '../../../templates/examples/similar-listings.md';
import template9 from '../../../templates/personalized-news-feed.md';
import example9 from '../../../templates/examples/personalized-news-feed.md';
import template10 from '../../../templates/people-you-may-know.md';
import example10 from '../../../templates/examples/people-you-may-know.md';

/** Each template's Markdown by id, in manifest order. */
export const TEMPLATE_SOURCES: Record<string, string> = {
  "generic": template0,
  "visual-search": template1,
  "street-view-blurring": template2,
  "youtube-video-search": template3,
  "harmful-content-detection": template4,
  "video-recommendation": template5,
  "event-recommendation": template6,
  "ad-click-prediction": template7,
  "similar-listings": template8,
  "personalized-news-feed": template9,
  "people-you-may-know": template10,
};

/** Each worked example's Markdown by template id, in manifest order. */
export const EXAMPLE_SOURCES: Record<string, string> = {
  "generic": example0,
  "visual-search": example1,
  "street-view-blurring": example2,
  "youtube-video-search": example3,
  "harmful-content-detection": example4,
  "video-recommendation": example5,
  "event-recommendation": example6,
  "ad-click-prediction": example7,
  "similar-listings": example8,
  "personalized-news-feed": example9,
  "people-you-may-know": example10,
};
