// The page's presets: each an experiment plus the one paragraph that says what to look at. Share
// links name the preset they started from, so whoever opens one sees the same explanation.
import { DEFAULT_EXPERIMENT } from './defaults';
import type { PresetId } from './presetIds';
import type { Experiment } from './schema';

export interface Preset {
  id: PresetId;
  title: string;
  explanation: string;
  experiment: Experiment;
}

const base = DEFAULT_EXPERIMENT;

const PRESET_LIST: Preset[] = [
  {
    id: 'spiral-basics',
    title: 'Spiral basics',
    explanation:
      'Three interleaved spiral arms that no straight line can separate. A 2→64→64→3 ReLU network trained with plain cross-entropy bends its decision boundary around the arms within a few hundred steps. Watch the train loss fall toward 0 while the boundary sharpens; the loss is the mean of −log p(true class), so 1.10 (= ln 3) is a model that guesses.',
    experiment: base,
  },
  {
    id: 'class-weight-pitfall',
    title: 'Class-weight pitfall',
    explanation:
      'Blobs where the last class is 20× rarer. Unweighted, the model can ignore the rare class and still look accurate: check its recall in the confusion matrix. Pick "inverse frequency" to weigh each class by 1/frequency and watch the minority recall rise; then pick "wrong weights" (the same weights given in reverse, most weight on the most frequent class) to see the rare class vanish. Note that with weights and reduction "mean", PyTorch divides by Σ w[y] over the batch, not by the batch size.',
    experiment: {
      ...base,
      seed: 3,
      data: { source: 'blobs', classes: 3, samples: 1000, noise: 0.5, imbalance: 20 },
      preparation: { validationFraction: 0.3, standardize: true, unlabelledFraction: 0 },
      model: { hidden: [16], activation: 'relu', init: 'kaiming' },
      loss: { ...base.loss, classWeights: { kind: 'uniform' } },
    },
  },
  {
    id: 'label-smoothing',
    title: 'Label smoothing',
    explanation:
      'Cross-entropy with label smoothing ε = 0.1: the target puts 1 − ε + ε/C on the true class and ε/C on every other, so the loss can no longer reach 0 and the logits stop growing. Compare the weighted (smoothed) loss with the plain one, and the calibration error, with ε = 0: smoothing trades a little confidence for better-calibrated probabilities.',
    experiment: { ...base, loss: { ...base.loss, labelSmoothing: 0.1 } },
  },
  {
    id: 'overfitting',
    title: 'Overfitting',
    explanation:
      'A noisy spiral with few training points and a wide network. The train loss keeps falling while the validation loss turns and rises: the model memorises the noise. Try weight decay (AdamW), label smoothing or a narrower network, and watch the gap between the two curves.',
    experiment: {
      ...base,
      seed: 7,
      data: { source: 'spirals', classes: 3, samples: 150, noise: 0.35, imbalance: 1 },
      preparation: { validationFraction: 0.5, standardize: true, unlabelledFraction: 0 },
      model: { hidden: [256, 256], activation: 'relu', init: 'kaiming' },
      optimizer: { kind: 'adam', lr: 0.01, beta1: 0.9, beta2: 0.999, weightDecay: 0 },
      training: { batchSize: 32, steps: 3000, evalEvery: 100 },
    },
  },
  {
    id: 'contrastive-temperature',
    title: 'Contrastive temperature',
    explanation:
      'SimCLR-style pre-training without labels: two augmented views of each point (rotation, scaling, jitter) should embed close together, and away from every other point, under NT-Xent. The temperature τ divides the cosine similarities: a low τ sharpens the softmax onto the hardest negatives and spreads the embeddings (uniformity), a high τ is gentler. Move τ while training and watch the similarity histograms and the linear-probe accuracy.',
    experiment: {
      ...base,
      data: { source: 'blobs', classes: 4, samples: 800, noise: 0.4, imbalance: 1 },
      loss: {
        mode: 'nt-xent',
        temperature: 0.5,
        projection: 16,
        augmentation: { kind: 'points', rotation: 0.3, scale: 0.2, jitter: 0.1 },
      },
      training: { batchSize: 64, steps: 2000, evalEvery: 100 },
    },
  },
  {
    id: 'real-digits',
    title: 'Real digits',
    explanation:
      'The 8×8 handwritten digits (1,797 images, 64 pixels, 10 classes). A 64→64→10 network reaches about 97% validation accuracy in a thousand steps. Open the confusion matrix to see which digits it confuses (often 8 with 1 or 9), and click a cell to inspect a sample: its logits, softmax and the gradient of its loss.',
    experiment: {
      ...base,
      data: { source: 'digits' },
      model: { hidden: [64], activation: 'relu', init: 'kaiming' },
      optimizer: { kind: 'adam', lr: 0.003, beta1: 0.9, beta2: 0.999, weightDecay: 0 },
      training: { batchSize: 64, steps: 1500, evalEvery: 100 },
    },
  },
];

/** Each preset's experiment names its preset, so a share link made from it does too. */
export const PRESETS: readonly Preset[] = PRESET_LIST.map((p) => ({ ...p, experiment: { ...p.experiment, preset: p.id } }));

export function presetById(id: PresetId): Preset {
  return PRESETS.find((p) => p.id === id) as Preset;
}
