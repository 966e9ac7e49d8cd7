// A square digit image (8×8 digits, 28×28 MNIST), darker where the (standardised) pixel is higher.
// A canvas, not one SVG rect per pixel: a gallery of 48 MNIST thumbnails would be 37,632 elements.
import { useEffect, useRef } from 'react';

export function DigitImage({ pixels, side, size = 96 }: { pixels: Float32Array; side: number; size?: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    // Loops, not Math.min(...pixels): no spread of an array onto the call stack.
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (const v of pixels) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    const image = context.createImageData(side, side);
    pixels.forEach((v, i) => {
      const shade = Math.round(255 * (1 - (v - min) / (max - min || 1)));
      image.data.set([shade, shade, shade, 255], 4 * i);
    });
    context.putImageData(image, 0, 0);
  }, [pixels, side]);
  return (
    <canvas
      ref={canvas}
      className="digit-image"
      width={side}
      height={side}
      style={{ width: size, height: size, imageRendering: 'pixelated' }}
      role="img"
      aria-label={`The ${side}×${side} digit image`}
    />
  );
}
