// A chart on screen as a PNG, as the reader sees it: its title on top, then the chart body (the
// element marked data-chart-body, else the recharts wrapper or the canvas) at its displayed size ×
// devicePixelRatio, with its axes and legend. Generic over charts: any figure[data-chart] with a
// data-chart-title exports. The body is drawn from the DOM: each outermost <svg> serialised with
// its computed styles inlined (recharts styles by CSS and attributes), each <canvas> as it is,
// and the HTML around them (recharts' legend, axis labels): text, backgrounds and borders.

/** CSS pixels above the chart for its title. */
export const TITLE_BAND_PX = 28;

/** The PNG's size for a body of `width` × `height` CSS pixels at `dpr`. */
export function pngSize(width: number, height: number, dpr: number): { width: number; height: number } {
  return { width: Math.round(width * dpr), height: Math.round((height + TITLE_BAND_PX) * dpr) };
}

export function chartBody(figure: Element): HTMLElement {
  const body = figure.querySelector<HTMLElement>('[data-chart-body]') ?? figure.querySelector<HTMLElement>('.recharts-wrapper, canvas');
  if (!body) throw new Error(`the chart "${figure.getAttribute('data-chart')}" has nothing to draw yet`);
  return body;
}

export async function chartToPng(figure: HTMLElement): Promise<Blob> {
  const title = figure.dataset.chartTitle;
  if (!title) throw new Error(`the chart "${figure.dataset.chart}" has no data-chart-title`);
  const body = chartBody(figure);
  const box = body.getBoundingClientRect();
  if (box.width === 0 || box.height === 0) throw new Error(`the chart "${title}" is not on screen`);
  const dpr = window.devicePixelRatio || 1;
  const size = pngSize(box.width, box.height, dpr);
  const canvas = document.createElement('canvas');
  [canvas.width, canvas.height] = [size.width, size.height];
  const g = canvas.getContext('2d');
  if (!g) throw new Error('the browser gave no 2-D canvas');
  g.scale(dpr, dpr);
  g.fillStyle = '#fff';
  g.fillRect(0, 0, box.width, box.height + TITLE_BAND_PX);
  g.fillStyle = '#1a1a1a';
  g.font = `600 15px ${getComputedStyle(figure).fontFamily || 'sans-serif'}`;
  g.textBaseline = 'middle';
  g.fillText(title, 8, TITLE_BAND_PX / 2, box.width - 16);
  g.translate(-box.left, TITLE_BAND_PX - box.top); // from here on, page coordinates
  await drawElement(g, body);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the canvas could not be encoded'))), 'image/png'),
  );
}

/** `element` and what it holds, in document order (later on top, as the browser paints). */
async function drawElement(g: CanvasRenderingContext2D, element: Element): Promise<void> {
  const box = element.getBoundingClientRect();
  if (element instanceof SVGSVGElement) return drawSvg(g, element, box);
  if (element instanceof HTMLCanvasElement) {
    if (element.width > 0 && element.height > 0) g.drawImage(element, box.left, box.top, box.width, box.height);
    return;
  }
  const style = getComputedStyle(element);
  if (style.visibility === 'hidden' || style.display === 'none') return;
  if (!transparent(style.backgroundColor)) {
    g.fillStyle = style.backgroundColor;
    g.fillRect(box.left, box.top, box.width, box.height);
  }
  drawBorders(g, style, box);
  for (const child of element.childNodes) {
    if (child.nodeType === Node.TEXT_NODE) drawText(g, child as Text, style);
    else if (child instanceof Element) await drawElement(g, child);
  }
}

function transparent(color: string): boolean {
  return color === 'transparent' || /rgba\(.*,\s*0\)$/.test(color);
}

function drawBorders(g: CanvasRenderingContext2D, style: CSSStyleDeclaration, box: DOMRect): void {
  const sides = [
    ['Top', box.left, box.top, box.right, box.top],
    ['Right', box.right, box.top, box.right, box.bottom],
    ['Bottom', box.left, box.bottom, box.right, box.bottom],
    ['Left', box.left, box.top, box.left, box.bottom],
  ] as const;
  for (const [side, x0, y0, x1, y1] of sides) {
    const width = Number.parseFloat(style.getPropertyValue(`border-${side.toLowerCase()}-width`));
    const color = style.getPropertyValue(`border-${side.toLowerCase()}-color`);
    if (!(width > 0) || style.getPropertyValue(`border-${side.toLowerCase()}-style`) === 'none' || transparent(color)) continue;
    g.strokeStyle = color;
    g.lineWidth = width;
    g.beginPath();
    g.moveTo(x0, y0);
    g.lineTo(x1, y1);
    g.stroke();
  }
}

function drawText(g: CanvasRenderingContext2D, node: Text, style: CSSStyleDeclaration): void {
  const text = node.data.replace(/\s+/g, ' ').trim();
  if (!text) return;
  const range = document.createRange();
  range.selectNodeContents(node);
  const box = range.getBoundingClientRect();
  if (box.width === 0) return;
  g.fillStyle = style.color;
  g.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  g.textBaseline = 'middle';
  g.fillText(text, box.left, box.top + box.height / 2);
}

/** The SVG properties recharts sets through CSS, which an <img> of the SVG would not see. */
const SVG_STYLE = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'visibility',
  'display',
];

async function drawSvg(g: CanvasRenderingContext2D, svg: SVGSVGElement, box: DOMRect): Promise<void> {
  if (box.width === 0 || box.height === 0) return;
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const originals = [svg, ...svg.querySelectorAll('*')];
  const copies = [clone, ...clone.querySelectorAll('*')];
  // As presentation attributes: a style attribute set from script is refused by the page's CSP
  // (style-src 'self'), these are not; the SVG image has no stylesheet, so they take effect.
  originals.forEach((original, i) => {
    const computed = getComputedStyle(original);
    for (const property of SVG_STYLE) {
      const value = computed.getPropertyValue(property);
      if (value) copies[i].setAttribute(property, value);
    }
  });
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(box.width));
  clone.setAttribute('height', String(box.height));
  const url = URL.createObjectURL(new Blob([new XMLSerializer().serializeToString(clone)], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    g.drawImage(image, box.left, box.top, box.width, box.height);
  } finally {
    URL.revokeObjectURL(url);
  }
}
