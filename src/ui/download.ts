// Saving files from the page: a Blob behind a temporary link.
export function download(name: string, content: Blob | string, type = 'text/plain'): void {
  const blob = typeof content === 'string' ? new Blob([content], { type }) : content;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A chart as PNG: its SVG (recharts) or canvas, drawn on a white canvas at twice the size. */
export async function elementToPng(figure: Element): Promise<Blob> {
  const canvas = figure.querySelector('canvas');
  if (canvas) return canvasBlob(canvas);
  const svg = figure.querySelector('svg.recharts-surface') ?? figure.querySelector('svg');
  if (!svg) throw new Error('the chart has nothing to draw yet');
  const { width, height } = svg.getBoundingClientRect();
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  const url = URL.createObjectURL(new Blob([new XMLSerializer().serializeToString(clone)], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const out = document.createElement('canvas');
    [out.width, out.height] = [Math.ceil(width * 2), Math.ceil(height * 2)];
    const g = out.getContext('2d') as CanvasRenderingContext2D;
    g.fillStyle = '#fff';
    g.fillRect(0, 0, out.width, out.height);
    g.drawImage(image, 0, 0, out.width, out.height);
    return await canvasBlob(out);
  } finally {
    URL.revokeObjectURL(url);
  }
}

function canvasBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the canvas is empty'))), 'image/png'),
  );
}
