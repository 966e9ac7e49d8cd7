// The page's glossary: one short definition per term, shown in a tooltip wherever the term
// appears (src/ui/Term.tsx). Kept here, in one place, so each term is defined once.

export const GLOSSARY = {
  ECE: 'Expected calibration error: predictions are binned by confidence, and ECE is the average gap between each bin’s confidence and its accuracy, weighted by the bin’s size. 0 is perfectly calibrated.',
  Kaiming:
    'Kaiming (He) initialisation draws each weight with variance 2 / fan_in, which keeps activations at a steady scale through ReLU layers. Xavier (Glorot) uses 2 / (fan_in + fan_out), suited to tanh and sigmoid.',
  'β₁/β₂':
    'Adam’s decay rates: β₁ for the running mean of gradients (momentum, usually 0.9), β₂ for the running mean of squared gradients (the per-weight step scale, usually 0.999).',
  'NT-Xent':
    'Normalised temperature-scaled cross-entropy (SimCLR): two augmented views of each point should have the most similar embeddings in the batch; it is cross-entropy over cosine similarities divided by τ.',
  τ: 'Temperature: similarities (or logits) are divided by τ before the softmax. A small τ sharpens the distribution and focuses on the hardest negatives; a large τ flattens it.',
  ignore_index:
    'PyTorch’s ignore_index (−100 by default): rows with this target add nothing to the loss or its gradient, and are left out of the mean’s divisor.',
  reduction:
    'How per-sample losses become one number: "mean" divides by the number of labelled rows (or by Σ w[y] with class weights), "sum" adds them, "none" keeps them per sample.',
} as const;

export type GlossaryTerm = keyof typeof GLOSSARY;
