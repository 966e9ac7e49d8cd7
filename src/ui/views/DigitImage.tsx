// An 8×8 digit, darker where the (standardised) pixel is higher.
export function DigitImage({ pixels, size = 96 }: { pixels: Float32Array; size?: number }) {
  // Loops, not Math.min(...pixels): no spread of an array onto the call stack.
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of pixels) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  return (
    <svg viewBox="0 0 8 8" width={size} height={size} role="img" aria-label="The 8×8 digit image" shapeRendering="crispEdges">
      {Array.from(pixels, (v, i) => {
        const shade = Math.round(255 * (1 - (v - min) / (max - min || 1)));
        // biome-ignore lint/suspicious/noArrayIndexKey: pixel i is at a fixed position
        return <rect key={i} x={i % 8} y={Math.floor(i / 8)} width={1} height={1} fill={`rgb(${shade},${shade},${shade})`} />;
      })}
    </svg>
  );
}
