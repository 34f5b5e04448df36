// Measures of a passage's text: how many words, and whether it is placeholder text ("TBD", "...", "<fill in>").
const PLACEHOLDER_TEXT =
  /^(?:tbd|tba|tbc|todo|to ?do|n\/?a|wip|x+|\?+|\.{2,}|…|-+|coming soon|to be (?:added|written|defined|determined|done|filled(?: in)?|completed)|placeholder|fill(?: this)? in|write (?:this|here)|add (?:details|content|text) here|lorem ipsum\b.*|work in progress|in progress|pending)[.!:]?$/i;
const BRACKETED_PLACEHOLDER = /^[<[{(]\s*(?:tbd|todo|fill|add|describe|insert|your|write|placeholder)[^>\]})]*[>\]})]$/i;

export function isPlaceholderText(text: string): boolean {
  const t = text
    .trim()
    .replace(/^[-*+]\s+/, '')
    .replace(/^\[[ x]\]\s*/i, '')
    .trim();
  if (!t) return true;
  return PLACEHOLDER_TEXT.test(t) || BRACKETED_PLACEHOLDER.test(t);
}

export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}][\p{L}\p{N}'’_-]*/gu)?.length ?? 0;
}

/** Code, diagrams, images and math are content whose words are not prose. */
export function isRichPassage(kind: string): boolean {
  return kind === 'code' || kind === 'mermaid' || kind === 'image' || kind === 'math';
}

/** Words and placeholder flag of a passage: computed once per chunk and cached with its summary. */
export function measurePassage(kind: string, text: string): { words: number; placeholder: boolean } {
  if (isRichPassage(kind)) return { words: 0, placeholder: false };
  return { words: countWords(text), placeholder: isPlaceholderText(text) };
}
