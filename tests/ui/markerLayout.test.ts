import { describe, expect, it } from 'vitest';
import { abbreviate, layoutMarkerLabels, type MarkerLabelBox } from '../../src/ui/views/markerLayout';

const options = { width: 400, xOf: (step: number) => step / 10, charWidth: 6, maxRows: 3, maxChars: 18, gap: 3 };

function overlaps(a: MarkerLabelBox, b: MarkerLabelBox): boolean {
  return a.row === b.row && a.left < b.right && b.left < a.right;
}

function expectNoOverlap(boxes: MarkerLabelBox[]): void {
  const drawn = boxes.filter((b) => b.text !== null);
  for (let i = 0; i < drawn.length; i++) {
    for (let j = i + 1; j < drawn.length; j++) expect(overlaps(drawn[i], drawn[j]), `${drawn[i].full} / ${drawn[j].full}`).toBe(false);
  }
  for (const b of drawn) {
    expect(b.left).toBeGreaterThanOrEqual(0);
    expect(b.right).toBeLessThanOrEqual(options.width);
    expect(b.row).toBeLessThan(options.maxRows);
    expect(b.text?.length ?? 0).toBeLessThanOrEqual(options.maxChars);
  }
}

describe('layoutMarkerLabels', () => {
  it('keeps far-apart labels whole on the first row', () => {
    const boxes = layoutMarkerLabels(
      [
        { step: 0, label: 'learning rate 0.1' },
        { step: 2000, label: 'batch size 64' },
      ],
      options,
    );
    expect(boxes.map((b) => [b.text, b.row])).toEqual([
      ['learning rate 0.1', 0],
      ['batch size 64', 0],
    ]);
  });

  it('stacks close labels into rows and abbreviates long ones, keeping the full text', () => {
    const markers = [
      { step: 1000, label: 'learning rate 0.05, label smoothing 0.1' },
      { step: 1100, label: 'batch size 32' },
      { step: 1200, label: 'weights balanced' },
    ];
    const boxes = layoutMarkerLabels(markers, options);
    expect(boxes[0].text).toBe('learning rate 0.0…');
    expect(boxes[0].full).toBe(markers[0].label);
    expect(boxes.map((b) => b.row)).toEqual([0, 1, 2]);
    expectNoOverlap(boxes);
  });

  it('never overlaps in a dense burst of 50 changes, drawing the ones with room and leaving the rest to the tooltip', () => {
    const markers = Array.from({ length: 50 }, (_, i) => ({ step: 1500 + i * 40, label: `learning rate ${(0.01 * (i + 1)).toFixed(2)}` }));
    const boxes = layoutMarkerLabels(markers, options);
    expectNoOverlap(boxes);
    const drawn = boxes.filter((b) => b.text !== null).length;
    expect(drawn).toBeGreaterThanOrEqual(3); // at least one per row
    expect(drawn).toBeLessThan(50); // 50 labels cannot fit in 3 rows of 200 px
    expect(boxes.every((b, i) => b.full === markers[i].label)).toBe(true);
  });

  it('keeps a label at the right edge inside the plot, to the left of its line', () => {
    const [box] = layoutMarkerLabels([{ step: 3990, label: 'optimizer adam' }], options);
    expect(box.right).toBeLessThanOrEqual(399 - 3 + 1e-9);
    expect(box.text).toBe('optimizer adam');
  });

  it('checks its overlap test on random dense sets', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let trial = 0; trial < 20; trial++) {
      const markers = Array.from({ length: 30 }, () => ({
        step: Math.floor(random() * 4000),
        label: 'x'.repeat(1 + Math.floor(random() * 40)),
      }));
      expectNoOverlap(layoutMarkerLabels(markers, options));
    }
  });
});

describe('abbreviate', () => {
  it('cuts to the limit with an ellipsis, and leaves short text alone', () => {
    expect(abbreviate('learning rate', 20)).toBe('learning rate');
    expect(abbreviate('learning rate 0.05', 6)).toBe('learn…');
    expect(abbreviate('learning rate 0.05', 6).length).toBe(6);
  });
});
