// The NT-Xent half of the generated PyTorch script: SimCLR pre-training as pretrainContrastive
// (src/engine/contrastive/pretrain.ts) runs it, then alignment, uniformity and the linear probe.

import { ArgumentError } from '../../core/checks';
import { PROBE } from '../contrastive/pretrain';
import type { PreparedData } from '../experiment/prepare';
import type { ContrastiveExperiment } from '../experiment/schema';
import type { MlpLayout } from '../model/layout';
import type { PackedArrays } from './packedArrays';
import { section } from './pythonLiterals';
import type { ChangesInScript } from './pytorchChanges';
import { BETWEEN_DEFINITIONS, floatArray, intArray, parameterDict, pythonOptimizer } from './pytorchParts';

/** pretrain.ts's linear probe: full-batch Adam at this rate for this many steps. */

export function contrastiveFunctions(classes: number, projection: number): string {
  const ntXent = `${section('The loss: NT-Xent (SimCLR)')}
def nt_xent(z, temperature):
    """Row i and row i + N of z [2N, P] are two views of one sample (a positive pair); every other
    row of the batch is a negative. Each row is classified among the 2N - 1 others by cosine
    similarity / temperature, and cross-entropy pulls it toward its partner."""
    rows = z.shape[0]
    z = F.normalize(z, dim=1)  # unit rows: z @ z.T holds cosine similarities
    logits = z @ z.T / temperature
    logits = logits.masked_fill(torch.eye(rows, dtype=torch.bool), float("-inf"))  # a row is not its own partner
    partner = (torch.arange(rows) + rows // 2) % rows
    return F.cross_entropy(logits, partner)`;
  const stats = `def embedding_stats(z):
    """Alignment and uniformity (Wang & Isola 2020) of [2N, P] embeddings of two views, in float64.
    alignment: mean |z_i - z_(i+N)|^2 over positive pairs (lower: the views of a sample agree);
    uniformity: log mean exp(-2 |z_i - z_j|^2) over all pairs i < j (lower: spread over the sphere)."""
    z = F.normalize(z.double(), dim=1)
    n = z.shape[0] // 2
    alignment = (z[:n] - z[n:]).pow(2).sum(dim=1).mean().item()
    uniformity = torch.pdist(z).pow(2).mul(-2).exp().mean().log().item()
    return alignment, uniformity`;
  const probe = `def linear_probe(train_embeddings, train_labels, validation_embeddings, validation_labels):
    """What the frozen embeddings are worth: softmax regression on them (full batch, Adam, ${PROBE.steps} steps),
    scored by validation accuracy."""
    probe = nn.Sequential(nn.Linear(${projection}, ${classes}))
    load_parameters(probe, PROBE_INITIAL_PARAMETERS)
    optimizer = torch.optim.Adam(probe.parameters(), lr=${PROBE.lr})
    loss_fn = nn.CrossEntropyLoss()
    for _ in range(${PROBE.steps}):
        loss = loss_fn(probe(train_embeddings), train_labels)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return accuracy(probe, validation_embeddings, validation_labels)`;
  return [ntXent, stats, probe].join(BETWEEN_DEFINITIONS);
}

export function contrastiveMain(experiment: ContrastiveExperiment, changes: ChangesInScript): string {
  const augmentationChange = (experiment.changes ?? []).findIndex((c) => c.loss?.augmentation !== undefined);
  if (augmentationChange >= 0) {
    throw new ArgumentError(
      `experiment.changes[${augmentationChange}].loss.augmentation`,
      'the PyTorch export replays changes of temperature, optimizer and batch size, not of the augmentation; export the run before that change',
    );
  }
  return `${section('Training')}
def main(steps=STEPS):
    train_x = torch.as_tensor(TRAIN_X, dtype=torch.float32)  # a list of rows, or a packed tensor
    train_labels = torch.as_tensor(TRAIN_LABELS, dtype=torch.int64)  # only the linear probe reads labels
    validation_x = torch.as_tensor(VALIDATION_X, dtype=torch.float32)
    validation_y = torch.as_tensor(VALIDATION_Y, dtype=torch.int64)
    rows = train_x.tolist()  # the exact float32 values, as xent-lab's augmentations read them

    encoder = build_model()  # the hidden layers are the encoder; the last Linear is the projection head
    load_parameters(encoder, INITIAL_PARAMETERS)
    optimizer = ${pythonOptimizer(experiment.optimizer, 'encoder.parameters()')}
    sampler = BatchSampler(len(rows), BATCH_SIZE, seed=SEED + 1)
    view_rng = Mulberry32(SEED + 2)
    temperature = TEMPERATURE

    for step in range(1, steps + 1):
${changes.loop}        views = torch.tensor(two_views(rows, sampler.next(), view_rng), dtype=torch.float32)
        loss = nt_xent(encoder(views), temperature)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if step % EVAL_EVERY == 0 or step == steps:
            batch_loss = loss.item()
            print(f"step {step:6d}  epoch {sampler.epoch:4d}  NT-Xent loss {batch_loss:.6f}")

    # What it learnt: alignment and uniformity on a fixed batch of two views, then a linear probe.
    probe_rows = BatchSampler(len(rows), sampler.batch_size, seed=SEED + 3).next()  # the batch size in force
    probe_views = torch.tensor(two_views(rows, probe_rows, Mulberry32(SEED + 4)), dtype=torch.float32)
    with torch.no_grad():
        alignment, uniformity = embedding_stats(encoder(probe_views))
        train_embeddings = F.normalize(encoder(train_x), dim=1)
        validation_embeddings = F.normalize(encoder(validation_x), dim=1)
    probe_accuracy = linear_probe(train_embeddings, train_labels, validation_embeddings, validation_y)
    print(f"alignment {alignment:.4f}  uniformity {uniformity:.4f}  linear probe validation accuracy {probe_accuracy:.4f}")

    print(json.dumps({"step": steps, "epoch": sampler.epoch, "batch_loss": batch_loss, "alignment": alignment,
                      "uniformity": uniformity, "probe_accuracy": probe_accuracy}))
    return encoder`;
}

/** The arrays pre-training and the probe read, one '# why\nNAME = …' each. */
export function contrastiveData(
  experiment: ContrastiveExperiment,
  data: PreparedData,
  encoder: { layout: MlpLayout; initial: Float32Array },
  probe: { layout: MlpLayout; initial: Float32Array },
  packed?: PackedArrays,
): string[] {
  const { train, validation } = data;
  const standardized = experiment.preparation.standardize ? ", standardised with the training split's mean and std" : '';
  return [
    `# Training split: ${train.n} rows x ${train.d} features${standardized}.\n${floatArray('TRAIN_X', train.features, train.d, packed)}`,
    `# Its labels: pre-training never sees them; the linear probe does.\n${intArray('TRAIN_LABELS', train.labels)}`,
    `# Validation split: ${validation.n} rows.\n${floatArray('VALIDATION_X', validation.features, validation.d, packed)}`,
    intArray('VALIDATION_Y', validation.labels),
    `# Initial parameters: ${experiment.model.init}-uniform weights from xent-lab's PRNG (seed ${experiment.seed}), zero biases.\n${parameterDict('INITIAL_PARAMETERS', encoder.layout, encoder.initial, packed)}`,
    `# The linear probe's initial parameters: xavier-uniform, same seed.\n${parameterDict('PROBE_INITIAL_PARAMETERS', probe.layout, probe.initial)}`,
  ];
}
