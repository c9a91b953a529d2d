// Text that comes from people (display names, team and channel names, typed values, card data echoed back) is
// shown as they wrote it: on one line, within a length, and with Markdown escaped so that `[x](url)` or `**x**`
// in a name stays text in the bot's own cards instead of becoming a link or formatting.

/** The most characters of a display name a card shows (Teams allows 256; a card repeats names many times). */
export const MAX_NAME_CHARS = 64;
/** Team and channel names. */
export const MAX_PLACE_CHARS = 80;
/** A typed word or a card value echoed back in a message ("'x' is not ..."). */
export const MAX_ECHO_CHARS = 60;

// Line breaks and other controls, and the bidirectional overrides that make text read in another order.
// eslint-disable-next-line no-control-regex
const CONTROL_OR_BIDI = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g;
// What starts formatting in the Markdown of Adaptive Card TextBlocks and facts (and in CommonMark, which the Web
// renderers follow): emphasis, links and images, code, HTML and autolinks, entities, headings, quotes, tables.
const MARKDOWN = /[\\`*_[\]<>&#~|]/g;
// A list marker at the start ("- x", "+ x", "1. x").
const LIST_START = /^([-+]|\d+[.)])(?=\s)/;

/** One line, at most `maxChars` characters (whole code points; '…' marks a cut), without control characters. */
export function oneLine(text: string, maxChars: number): string {
  const flat = text.replace(CONTROL_OR_BIDI, ' ').replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  return chars.length > maxChars ? `${chars.slice(0, maxChars - 1).join('')}…` : flat;
}

/** A typed word or card value quoted in a message: one line, at most MAX_ECHO_CHARS (the card escapes it). */
export function echo(text: string): string {
  return oneLine(text, MAX_ECHO_CHARS);
}

/** `text` for a Markdown field of a card (TextBlock, fact), shown literally: one line, capped, Markdown escaped. */
export function literal(text: string, maxChars: number): string {
  return oneLine(text, maxChars)
    .replace(MARKDOWN, '\\$&')
    .replace(LIST_START, (marker) => marker.replace(/[-+.)]/, '\\$&'));
}
