// Text from a file, shortened for a message: a 9 MB cell or header is shown by its first characters.

/** Characters of a cell shown in a message or a preview. */
export const SHOWN_CHARACTERS = 40;

/** `text` cut to `max` characters (code points, so an emoji is never cut in half), with '…' where it was cut. */
export function shortText(text: string, max = SHOWN_CHARACTERS): string {
  if (text.length <= max) return text;
  // max + 1 code points take at most 2·(max + 1) code units: enough to tell whether it must be cut.
  const points = Array.from(text.slice(0, 2 * (max + 1)));
  return points.length <= max ? text : `${points.slice(0, max).join('')}…`;
}

/** A cell in quotes, shortened: "setosa", "aaaa…". */
export function quoteCell(cell: string): string {
  return JSON.stringify(shortText(cell));
}
