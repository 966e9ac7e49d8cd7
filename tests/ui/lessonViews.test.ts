// The lesson charts render (server-side, so without a layout size) with their title, axis labels
// and caption, and the recall legend names each class: a smoke test that they do not throw.
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ReliabilityDiagram } from '../../src/ui/views/ReliabilityDiagram';
import { SmallLineChart } from '../../src/ui/views/SmallLineChart';

describe('lesson charts', () => {
  it('render a titled, captioned figure named by its title', () => {
    const html = renderToString(
      createElement(SmallLineChart, {
        id: 'recall',
        title: 'Validation recall per class',
        yLabel: 'recall',
        data: [
          { step: 0, recall0: 0.5 },
          { step: 10, recall0: 0.75 },
        ],
        series: [{ key: 'recall0', name: 'recall of class 0', color: '#000' }],
        markers: [{ step: 5, label: 'class weights' }],
        domain: [0, 1],
        format: (v: number) => `${v}`,
        caption: 'Each class’s recall.',
      }),
    );
    expect(html).toContain('aria-labelledby="recall-title"');
    expect(html).toContain('Validation recall per class');
    expect(html).toContain('Each class’s recall.');
    const diagram = renderToString(
      createElement(ReliabilityDiagram, {
        bins: [
          { count: 0, confidence: Number.NaN, accuracy: Number.NaN },
          { count: 3, confidence: 0.8, accuracy: 2 / 3 },
        ],
        step: 42,
      }),
    );
    expect(diagram).toContain('Reliability diagram (validation, step 42)');
    expect(diagram).toContain('overconfident');
  });
});
