// The probability simplex of a 3-class model: each validation point's softmax is a point of the
// triangle whose corners are the classes (a confident prediction sits at its corner, an unsure one
// near the middle), coloured and shaped by its true class. It moves with every measurement, from
// the probabilities the snapshot already holds: no read-back of its own.
import { useEffect, useRef } from 'react';
import './simplex.css';
import { useTrainingStore } from '../../store/trainingStore';
import { CLASS_SHAPES, classColor, drawMarker } from '../palette';
import { className } from './focusedPointText';
import { simplexCorners, simplexPoint, simplexSummary } from './simplexGeometry';

const WIDTH = 360;
const HEIGHT = 320;
/** Room around the triangle for the corner labels. */
const MARGIN = 28;
/** Points drawn at most; larger splits are thinned evenly, as in the decision boundary. */
const DRAWN_POINTS = 4000;

export default function SimplexView() {
  const probabilities = useTrainingStore((s) => (s.snapshot?.mode === 'cross-entropy' ? s.snapshot.validationProbabilities : null));
  const validation = useTrainingStore((s) => s.data?.validation ?? null);
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const g = canvas.current?.getContext('2d');
    if (!g || !probabilities || !validation) return;
    const corners = simplexCorners(WIDTH, HEIGHT, MARGIN);
    g.clearRect(0, 0, WIDTH, HEIGHT);
    g.strokeStyle = '#555';
    g.lineWidth = 1;
    g.beginPath();
    g.moveTo(corners[0].x, corners[0].y);
    g.lineTo(corners[1].x, corners[1].y);
    g.lineTo(corners[2].x, corners[2].y);
    g.closePath();
    g.stroke();
    g.fillStyle = '#1a1a1a';
    g.font = '13px system-ui, sans-serif';
    // Above the top corner; below the bottom ones, aligned inwards so that a long name stays on the canvas.
    corners.forEach((corner, k) => {
      g.textAlign = k === 0 ? 'center' : k === 1 ? 'left' : 'right';
      const x = k === 0 ? corner.x : k === 1 ? Math.max(2, corner.x - 12) : Math.min(WIDTH - 2, corner.x + 12);
      g.fillText(className(validation.classNames, k), x, k === 0 ? corner.y - 8 : corner.y + 18);
    });
    const stride = Math.ceil(validation.n / DRAWN_POINTS);
    for (let i = 0; i < validation.n; i += stride) {
      const { x, y } = simplexPoint(probabilities, 3 * i, corners);
      const k = validation.labels[i];
      g.fillStyle = classColor(k);
      g.strokeStyle = '#fff';
      drawMarker(g, CLASS_SHAPES[k % CLASS_SHAPES.length], x, y, 3);
    }
  }, [probabilities, validation]);

  if (!probabilities || !validation || validation.n === 0) return null;
  return (
    <section className="panel view" aria-labelledby="simplex-heading">
      <h2 id="simplex-heading">Probability simplex</h2>
      <figure data-chart="simplex" data-chart-title="Probability simplex">
        <canvas
          ref={canvas}
          width={WIDTH}
          height={HEIGHT}
          className="simplex"
          role="img"
          aria-label={simplexSummary(probabilities, validation.labels)}
        />
        <figcaption>
          Each validation point at its predicted probabilities: a corner is a certain prediction of that class, the middle is ⅓ each. Colour
          and shape give the true class.
        </figcaption>
      </figure>
    </section>
  );
}
