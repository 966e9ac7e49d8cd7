// Contrastive mode: the similarity matrix of a fixed probe batch (two views of each sample), the
// positive and negative similarity histograms, alignment and uniformity, the linear-probe accuracy
// and the embedding of the validation set on its first two principal axes.
import { useEffect, useRef } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTrainingStore } from '../../store/trainingStore';
import type { ContrastiveSnapshot } from '../../store/trainingTypes';
import { similaritySummary } from '../chartSummary';
import { CLASS_SHAPES, classColor, drawMarker } from '../palette';
import { SmallLineChart } from './SmallLineChart';

const BINS = 20;

export default function ContrastiveViews() {
  const snapshot = useTrainingStore((s) => s.snapshot);
  const probe = useTrainingStore((s) => s.probe);
  const runProbe = useTrainingStore((s) => s.runProbe);
  const data = useTrainingStore((s) => s.data);
  const history = useTrainingStore((s) => s.history);
  const markers = useTrainingStore((s) => s.markers);
  if (snapshot?.mode !== 'nt-xent' || !data) return null;
  const { stats } = snapshot;
  return (
    <section className="panel view" aria-labelledby="contrastive-heading">
      <h2 id="contrastive-heading">Embeddings</h2>
      <dl className="stats">
        <dt>Alignment (lower: views closer)</dt>
        <dd>{stats.alignment.toFixed(3)}</dd>
        <dt>Uniformity (lower: more spread)</dt>
        <dd>{stats.uniformity.toFixed(3)}</dd>
        <dt>Mean positive similarity</dt>
        <dd>{stats.positiveSimilarity.toFixed(3)}</dd>
        <dt>Mean negative similarity</dt>
        <dd>{stats.negativeSimilarity.toFixed(3)}</dd>
        <dt>Linear-probe accuracy (validation)</dt>
        <dd>{probe ? `${(probe.accuracy * 100).toFixed(1)}% at step ${probe.step}` : 'not measured yet'}</dd>
      </dl>
      <button type="button" onClick={() => void runProbe()}>
        Train a linear probe on the frozen embeddings
      </button>
      <SmallLineChart
        id="embedding-stats"
        title="Alignment and uniformity over time"
        yLabel="value"
        data={history.map((p) => ({ step: p.step, alignment: p.alignment, uniformity: p.uniformity }))}
        series={[
          { key: 'alignment', name: 'alignment (lower: views closer)', color: '#0072B2' },
          { key: 'uniformity', name: 'uniformity (lower: more spread)', color: '#D55E00', dash: '6 3' },
        ]}
        markers={markers}
        format={(v) => v.toFixed(2)}
        caption="Of the train probe batch. Unlike the loss, both mean the same at every τ: after a τ change, read what τ did to the embedding here."
      />
      <div className="contrastive-grid">
        <SimilarityHeatmap snapshot={snapshot} />
        <Histograms snapshot={snapshot} />
        <EmbeddingScatter snapshot={snapshot} labels={data.validation.labels} />
      </div>
    </section>
  );
}

function SimilarityHeatmap({ snapshot }: { snapshot: ContrastiveSnapshot }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const { similarity, rows } = snapshot;
  useEffect(() => {
    const g = canvas.current?.getContext('2d');
    if (!g) return;
    const image = g.createImageData(rows, rows);
    for (let i = 0; i < rows * rows; i++) {
      // Diverging: −1 dark orange-brown, 0 white, +1 dark blue (Okabe–Ito ends).
      const s = similarity[i];
      const [r, gr, b] = s >= 0 ? [255 - 255 * s, 255 - 141 * s, 255 - 77 * s] : [255 + 42 * s, 255 + 161 * s, 255 + 255 * s];
      image.data.set([r, gr, b, 255], 4 * i);
    }
    const scratch = new OffscreenCanvas(rows, rows);
    scratch.getContext('2d')?.putImageData(image, 0, 0);
    g.imageSmoothingEnabled = false;
    g.drawImage(scratch, 0, 0, 256, 256);
  }, [similarity, rows]);
  return (
    <figure data-chart="similarity" data-chart-title="Similarity matrix of a probe batch">
      <canvas
        ref={canvas}
        width={256}
        height={256}
        role="img"
        aria-label={`Cosine similarity of the ${rows} probe rows; row i and row i + ${rows / 2} are two views of one sample`}
      />
      <figcaption>
        Similarity ẑẑᵀ of {rows} views (blue +1, white 0, brown −1). The two off-diagonal stripes are the positive pairs.
      </figcaption>
    </figure>
  );
}

function Histograms({ snapshot }: { snapshot: ContrastiveSnapshot }) {
  const { similarity, rows } = snapshot;
  const half = rows / 2;
  const bins = Array.from({ length: BINS }, (_, b) => ({ bin: (-1 + (2 * (b + 0.5)) / BINS).toFixed(1), positive: 0, negative: 0 }));
  for (let i = 0; i < rows; i++) {
    for (let j = i + 1; j < rows; j++) {
      const b = Math.min(BINS - 1, Math.max(0, Math.floor(((similarity[i * rows + j] + 1) / 2) * BINS)));
      if (j === i + half) bins[b].positive++;
      else bins[b].negative++;
    }
  }
  // Shares, so that the few positives and the many negatives fit one axis.
  const pairs = half;
  const negatives = (rows * (rows - 1)) / 2 - half;
  const data = bins.map((b) => ({ bin: b.bin, positive: b.positive / pairs, negative: b.negative / negatives }));
  return (
    <figure data-chart="similarity-histograms" data-chart-title="Positive and negative similarities" className="chart">
      <div role="img" aria-label={similaritySummary(similarity, rows)}>
        <ResponsiveContainer width="100%" height={220}>
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" opacity={0.4} />
            <XAxis dataKey="bin" />
            <YAxis tickFormatter={(v: number) => `${Math.round(v * 100)}%`} width={44} />
            <Tooltip formatter={(v) => (typeof v === 'number' ? `${(v * 100).toFixed(1)}%` : String(v))} />
            <Legend />
            <Bar name="positive pairs" dataKey="positive" fill="#0072B2" isAnimationActive={false} />
            <Bar name="negative pairs" dataKey="negative" fill="#E69F00" isAnimationActive={false} stroke="#000" strokeDasharray="2 2" />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption>Cosine similarity of positive pairs (solid blue) and negative pairs (dashed outline), as shares of each.</figcaption>
    </figure>
  );
}

function EmbeddingScatter({ snapshot, labels }: { snapshot: ContrastiveSnapshot; labels: Int32Array }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const { scatter } = snapshot;
  useEffect(() => {
    const g = canvas.current?.getContext('2d');
    if (!g) return;
    const n = scatter.length / 2;
    let extent = 1e-9;
    for (const v of scatter) extent = Math.max(extent, Math.abs(v));
    g.clearRect(0, 0, 256, 256);
    for (let i = 0; i < n; i++) {
      const k = labels[i];
      g.fillStyle = classColor(k);
      g.strokeStyle = '#fff';
      drawMarker(
        g,
        CLASS_SHAPES[k % CLASS_SHAPES.length],
        128 + (scatter[2 * i] / extent) * 118,
        128 - (scatter[2 * i + 1] / extent) * 118,
        3,
      );
    }
  }, [scatter, labels]);
  return (
    <figure data-chart="embedding" data-chart-title="Embeddings">
      <canvas
        ref={canvas}
        width={256}
        height={256}
        role="img"
        aria-label="Validation embeddings on their first two principal axes, by class"
      />
      <figcaption>
        Validation embeddings (first two principal axes); colour and shape give the true class, which training never saw.
      </figcaption>
    </figure>
  );
}
