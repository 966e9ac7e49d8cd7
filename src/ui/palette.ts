// Class colours: Okabe & Ito's palette, distinguishable with the common colour-vision deficiencies,
// extended to 10; every view also marks classes by shape or text, never by colour alone.
export const CLASS_COLORS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#D55E00', '#56B4E9', '#F0E442', '#000000', '#999999', '#882255'];
/** Shapes drawn for each class in scatter views, in the same order. */
export const CLASS_SHAPES = [
  'circle',
  'square',
  'triangle',
  'diamond',
  'cross',
  'circle-open',
  'square-open',
  'triangle-open',
  'plus',
  'star',
] as const;
export type Shape = (typeof CLASS_SHAPES)[number];

export function classColor(k: number): string {
  return CLASS_COLORS[k % CLASS_COLORS.length];
}

/** Draws a class marker of radius r centred at (x, y). */
export function drawMarker(g: CanvasRenderingContext2D, shape: Shape, x: number, y: number, r: number): void {
  g.beginPath();
  const open = shape.endsWith('-open');
  const outline = g.strokeStyle;
  // Open and line shapes are drawn in the class colour itself.
  if (open || shape === 'cross' || shape === 'plus') g.strokeStyle = g.fillStyle;
  switch (shape) {
    case 'square':
    case 'square-open':
      g.rect(x - r, y - r, 2 * r, 2 * r);
      break;
    case 'triangle':
    case 'triangle-open':
      g.moveTo(x, y - r * 1.2);
      g.lineTo(x + r * 1.1, y + r * 0.9);
      g.lineTo(x - r * 1.1, y + r * 0.9);
      g.closePath();
      break;
    case 'diamond':
      g.moveTo(x, y - r * 1.3);
      g.lineTo(x + r * 1.3, y);
      g.lineTo(x, y + r * 1.3);
      g.lineTo(x - r * 1.3, y);
      g.closePath();
      break;
    case 'cross':
    case 'plus': {
      const d = shape === 'cross' ? r : r * 1.3;
      const [a, b] = shape === 'cross' ? [d, d] : [d, 0];
      g.moveTo(x - a, y - b);
      g.lineTo(x + a, y + b);
      g.moveTo(x - b, y + a);
      g.lineTo(x + b, y - a);
      g.lineWidth = 2.5;
      g.stroke();
      g.lineWidth = 1;
      g.strokeStyle = outline;
      return;
    }
    case 'star':
      for (let i = 0; i < 10; i++) {
        const angle = (Math.PI / 5) * i - Math.PI / 2;
        const radius = i % 2 === 0 ? r * 1.4 : r * 0.6;
        g.lineTo(x + radius * Math.cos(angle), y + radius * Math.sin(angle));
      }
      g.closePath();
      break;
    default:
      g.arc(x, y, r, 0, 2 * Math.PI);
  }
  if (open) {
    g.lineWidth = 2;
    g.stroke();
    g.lineWidth = 1;
    g.strokeStyle = outline;
  } else {
    g.fill();
    g.stroke();
  }
}
