// The page's presets: each an experiment plus the one paragraph that says what to look at. Share
// links name the preset they started from, so whoever opens one sees the same explanation.
import { DEFAULT_EXPERIMENT } from './defaults';
import type { PresetId } from './presetIds';
import type { Experiment } from './schema';

export interface Preset {
  id: PresetId;
  title: string;
  explanation: string;
  /** Two sentences: what to watch, shown above the lab. Every claim in it is one the explanation makes, so the same test keeps it true. */
  watch: string;
  experiment: Experiment;
}

const base = DEFAULT_EXPERIMENT;

// Every number an explanation states is asserted by tests/experiment/presets.claims.test.ts on the
// same engine path the page runs; change a preset and its text together, then rerun that test.
const PRESET_LIST: Preset[] = [
  {
    id: 'spiral-basics',
    title: 'Spiral basics',
    watch:
      'Within 300 steps the train loss falls from about 1 to below 0.15 and validation accuracy passes 93%. Watch the validation loss: it is lowest early, then creeps back up while accuracy stays above 90%.',
    explanation:
      'Three interleaved spiral arms that no straight line can separate. A 2→64→64→3 ReLU network trained with plain cross-entropy bends its decision boundary around the arms: within 300 steps the train loss falls from about 1 to below 0.15 and validation accuracy passes 93%. The loss is the mean of −log p(true class), so 1.10 (= ln 3) is a model that guesses. Watch the validation loss too: it is lowest within the first few hundred steps, then creeps back up while validation accuracy stays above 90%. The few validation points it gets wrong (where the arms meet) are predicted ever more confidently: a first sign of overfitting.',
    experiment: base,
  },
  {
    id: 'class-weight-pitfall',
    title: 'Class-weight pitfall',
    watch:
      'Unweighted, accuracy looks fine (above 80%) while the rare class\'s recall stays below 50%. Pick "inverse frequency" and within 200 steps that recall jumps by more than 25 points.',
    explanation:
      'Overlapping blobs where the last class is 20× rarer than the first. Unweighted, the model mostly ignores the rare class and still looks accurate (above 80%): its recall, in the per-class recall curve and the confusion matrix, stays below 50%. After a few hundred steps, pick "inverse frequency" (each class weighted by 1/frequency): within 200 steps the rare class\'s recall jumps by more than 25 points, while overall accuracy falls, since the common class now gives up its border points. The weighted objective jumps at the switch: that is not the model getting worse, the loss itself changed (rare-class errors now count 20× more), so compare the plain loss, which does not change with weights. Then pick "wrong weights" (most weight on the most frequent class) to see the rare class vanish. With weights and reduction "mean", PyTorch divides by Σ w[y] over the batch, not by the batch size.',
    experiment: {
      ...base,
      seed: 3,
      data: { source: 'blobs', classes: 3, samples: 4000, noise: 1, imbalance: 20 },
      preparation: { validationFraction: 0.4, standardize: true, unlabelledFraction: 0 },
      model: { hidden: [16], activation: 'relu', init: 'kaiming' },
      loss: { ...base.loss, classWeights: { kind: 'uniform' } },
      training: { batchSize: 64, steps: 1500, evalEvery: 100 },
    },
  },
  {
    id: 'label-smoothing',
    title: 'Label smoothing',
    watch:
      'With ε = 0.1 the loss cannot reach 0 and the logits stop growing. Compare with ε = 0 (A/B): smoothing gives a lower validation ECE and a much lower validation loss here.',
    explanation:
      'Cross-entropy with label smoothing ε = 0.1 on a noisy spiral with few points: the target puts 1 − ε + ε/C on the true class and ε/C on every other, so the loss cannot reach 0 and the logits stop growing (see the logit-gap curve). Compare with ε = 0 (A/B): here the unsmoothed model grows overconfident as it overfits, and smoothing gives a lower validation calibration error (ECE) and a much lower validation loss. The result is mixed, not a free win: on the training split smoothing makes the model underconfident, so its train ECE is higher; and on clean data that a model fits well (the spiral basics preset) smoothing raises the ECE too. Read the reliability diagram: bars below the diagonal are overconfidence, above it underconfidence.',
    experiment: {
      ...base,
      seed: 7,
      data: { source: 'spirals', classes: 3, samples: 600, noise: 0.15, imbalance: 1 },
      preparation: { validationFraction: 0.5, standardize: true, unlabelledFraction: 0 },
      loss: { ...base.loss, labelSmoothing: 0.1 },
      training: { batchSize: 64, steps: 1500, evalEvery: 50 },
    },
  },
  {
    id: 'overfitting',
    title: 'Overfitting',
    watch:
      'The validation loss is lowest within the first 300 steps, then rises to end more than 50% above its minimum. Meanwhile the train loss keeps falling: the model memorises the noise.',
    explanation:
      'A noisy spiral with only about 200 training points and a 2→64→64→3 network. The validation loss is lowest early (within the first 300 steps), then turns and rises, ending more than 50% above its minimum, while the train loss keeps falling: the model memorises the noise. Validation accuracy drops a few points from its best. Try weight decay (AdamW), label smoothing or a narrower network, and watch the gap between the two curves.',
    experiment: {
      ...base,
      seed: 7,
      data: { source: 'spirals', classes: 3, samples: 400, noise: 0.15, imbalance: 1 },
      preparation: { validationFraction: 0.5, standardize: true, unlabelledFraction: 0 },
      model: { hidden: [64, 64], activation: 'relu', init: 'kaiming' },
      optimizer: { kind: 'adam', lr: 0.01, beta1: 0.9, beta2: 0.999, weightDecay: 0 },
      training: { batchSize: 32, steps: 2000, evalEvery: 50 },
    },
  },
  {
    id: 'contrastive-temperature',
    title: 'Contrastive temperature',
    watch:
      'Changing τ moves the loss with no step taken, so compare the dashed curve at a fixed τ = 0.5. Going from τ = 0.5 to 0.05, the loss at the new τ falls while the loss at τ = 0.5 rises.',
    explanation:
      "SimCLR-style pre-training without labels: two augmented views of each point (rotation, scaling, jitter) should embed close together, and away from every other point, under NT-Xent. The temperature τ divides the cosine similarities before the softmax, so the loss's value depends on τ itself: a τ change moves the loss with no step taken (a marker shows where), and losses at different τ are not comparable. The dashed curve, the loss at a fixed τ = 0.5, is the one to compare. Measured here, going from τ = 0.5 to 0.05 after 750 steps: the loss at the new τ falls from about 2.8 to 2.0, yet the loss at the fixed τ = 0.5 rises (to about 3.1). The low τ pulls each pair of views tighter (lower alignment) but spreads the points less (uniformity rises from about −2.3 toward −1.6, negatives become more similar): it only pushes away the few nearest negatives. The linear probe stays at about 92% at both τ: four blobs are easy to separate, so τ changes the geometry more than the probe.",
    experiment: {
      ...base,
      data: { source: 'blobs', classes: 4, samples: 800, noise: 0.4, imbalance: 1 },
      loss: {
        mode: 'nt-xent',
        temperature: 0.5,
        projection: 16,
        augmentation: { kind: 'points', rotation: 0.3, scale: 0.2, jitter: 0.1 },
      },
      training: { batchSize: 64, steps: 1500, evalEvery: 100 },
    },
  },
  {
    id: 'real-digits',
    title: 'Real digits',
    watch:
      'A 64→64→10 network reaches about 96% validation accuracy within a few hundred steps. Then the train loss falls to almost 0 while the validation loss stays near 0.2.',
    explanation:
      'The 8×8 handwritten digits (1,797 images, 64 pixels, 10 classes). A 64→64→10 network reaches about 96% validation accuracy within a few hundred steps. The train loss then falls to almost 0 (every training image right) while the validation loss stays near 0.2: the rest is memorising. Open the confusion matrix to see which digits it confuses, and click a cell to inspect a sample: its logits, softmax and the gradient of its loss.',
    experiment: {
      ...base,
      data: { source: 'digits' },
      model: { hidden: [64], activation: 'relu', init: 'kaiming' },
      optimizer: { kind: 'adam', lr: 0.003, beta1: 0.9, beta2: 0.999, weightDecay: 0 },
      training: { batchSize: 64, steps: 1500, evalEvery: 100 },
    },
  },
  // Its claims are asserted by tests/experiment/mnist.gpu.test.ts (a full run, on WebGPU), and the
  // multiply-adds by estimateWork: 3 · (784·128 + 128·10) · 64 = 1.95·10⁷ against the spiral's 8.5·10⁵.
  {
    id: 'mnist',
    title: 'MNIST',
    watch:
      'A 784→128→10 network passes 95% validation accuracy within 1,000 steps on 8,000 real 28×28 digits. Each step is about 20 million multiply-adds, where the GPU pays off.',
    explanation:
      "Real MNIST: 10,000 handwritten digits of 28×28 pixels (784 inputs), 8,000 for training and 2,000 for validation, downloaded (1.6 MB) when chosen. A 784→128→10 ReLU network with Adam (learning rate 0.003), batches of 64, pixels scaled to [0, 1] and label smoothing 0.1 passes 95% validation accuracy within 1,000 steps (8 epochs). Each step is about 20 million multiply-adds, 23 times the spiral's: this is where the GPU pays off. The gallery shows the misclassified validation digits first; click one to see its 28×28 pixels, logits and softmax in the inspector.",
    experiment: {
      ...base,
      data: { source: 'mnist' },
      preparation: { validationFraction: 0.2, standardize: false, unlabelledFraction: 0 },
      model: { hidden: [128], activation: 'relu', init: 'kaiming' },
      loss: { ...base.loss, labelSmoothing: 0.1 },
      optimizer: { kind: 'adam', lr: 0.003, beta1: 0.9, beta2: 0.999, weightDecay: 0 },
      training: { batchSize: 64, steps: 1000, evalEvery: 250 },
    },
  },
];

/** Each preset's experiment names its preset, so a share link made from it does too. */
export const PRESETS: readonly Preset[] = PRESET_LIST.map((p) => ({ ...p, experiment: { ...p.experiment, preset: p.id } }));

export function presetById(id: PresetId): Preset {
  return PRESETS.find((p) => p.id === id) as Preset;
}
