// Where the curves' live-change labels go, so that none overlaps another: each label is cut to a
// short form (the full text stays in a tooltip and the list of changes), then put in the first row
// from the top where its box clears every box already there. A label that fits no row is left
// unwritten; its dashed line still marks the step. Boxes are estimated from the character count.

export interface MarkerLabelBox {
  step: number;
  full: string;
  /** The text drawn: `full` or its abbreviation; null when no row had room (the line alone is drawn). */
  text: string | null;
  row: number;
  /** Left and right edges in pixels of the plot area. */
  left: number;
  right: number;
}

export interface MarkerLayoutOptions {
  /** The plot area's width in pixels; boxes stay inside it. */
  width: number;
  /** Pixel x of a step. */
  xOf: (step: number) => number;
  /** An upper estimate of one character's width at the label's font size. */
  charWidth: number;
  maxRows: number;
  maxChars: number;
  /** Space kept clear between two boxes in a row, and between a line and its label. */
  gap: number;
}

/** `text` cut to `max` characters with an ellipsis. */
export function abbreviate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1)).trimEnd()}…`;
}

export function layoutMarkerLabels(markers: readonly { step: number; label: string }[], options: MarkerLayoutOptions): MarkerLabelBox[] {
  const { width, xOf, charWidth, maxRows, maxChars, gap } = options;
  const rows: { left: number; right: number }[][] = Array.from({ length: maxRows }, () => []);
  const order = markers.map((_, i) => i).sort((a, b) => markers[a].step - markers[b].step);
  const boxes: MarkerLabelBox[] = new Array(markers.length);
  for (const i of order) {
    const { step, label } = markers[i];
    const x = xOf(step);
    let placed: MarkerLabelBox | null = null;
    // The short form first; a tighter one (a third as long) when no row has room for it.
    for (const chars of [maxChars, Math.max(4, Math.floor(maxChars / 3))]) {
      const text = abbreviate(label, chars);
      const boxWidth = text.length * charWidth;
      // To the right of its line, or to the left where the plot ends.
      const left = x + gap + boxWidth <= width ? x + gap : Math.max(0, x - gap - boxWidth);
      const right = left + boxWidth;
      const row = rows.findIndex((boxesInRow) => boxesInRow.every((b) => right + gap <= b.left || left >= b.right + gap));
      if (row >= 0) {
        rows[row].push({ left, right });
        placed = { step, full: label, text, row, left, right };
        break;
      }
    }
    boxes[i] = placed ?? { step, full: label, text: null, row: 0, left: x, right: x };
  }
  return boxes;
}
