// What counts as placeholder text in a section: "TBD", "...", "<fill in>", and the like.
const PLACEHOLDER_TEXT =
  /^(?:tbd|tba|tbc|todo|to ?do|n\/?a|wip|x+|\?+|\.{2,}|…|-+|coming soon|to be (?:added|written|defined|determined|done|filled(?: in)?|completed)|placeholder|fill(?: this)? in|write (?:this|here)|add (?:details|content|text) here|lorem ipsum\b.*|work in progress|in progress|pending)[.!:]?$/i;
const BRACKETED_PLACEHOLDER = /^[<[{(]\s*(?:tbd|todo|fill|add|describe|insert|your|write|placeholder)[^>\]})]*[>\]})]$/i;

export function isPlaceholderText(text: string): boolean {
  const t = text.trim().replace(/^[-*+]\s+/, '').replace(/^\[[ x]\]\s*/i, '').trim();
  if (!t) return true;
  return PLACEHOLDER_TEXT.test(t) || BRACKETED_PLACEHOLDER.test(t);
}

