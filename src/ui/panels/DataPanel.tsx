// Data: the dataset and how it is prepared. Generated data takes its shape parameters; a CSV upload
// shows its label encoding. Every change here restarts training (the data is different).

import { useState } from 'react';
import { RANGES } from '../../engine/experiment/ranges';
import type { Experiment } from '../../engine/experiment/schema';
import { useTrainingStore } from '../../store/trainingStore';
import { CheckboxField } from '../controls/CheckboxField';
import { Errors } from '../controls/Errors';
import { NumberField } from '../controls/NumberField';
import { SelectField } from '../controls/SelectField';
import { CsvLabelMap, CsvUpload } from './CsvUpload';
import { DatasetThumbnails } from './DatasetThumbnails';
import { DownloadProgress } from './DownloadProgress';

type Source = Experiment['data']['source'];
type Generated = Extract<Experiment['data'], { samples: number }>;

const SOURCES: { value: Source; label: string }[] = [
  { value: 'spirals', label: 'Spirals' },
  { value: 'blobs', label: 'Blobs' },
  { value: 'circles', label: 'Circles' },
  { value: 'xor', label: 'XOR' },
  { value: 'moons', label: 'Moons' },
  { value: 'digits', label: 'Digits' },
  { value: 'iris', label: 'Iris' },
  { value: 'mnist', label: 'MNIST' },
  { value: 'csv', label: 'Upload CSV' },
];

const GENERATED_DEFAULTS: Omit<Generated, 'source'> = { classes: 3, samples: 600, noise: 0.1, imbalance: 1 };

export function DataPanel() {
  const experiment = useTrainingStore((s) => s.experiment);
  const edit = useTrainingStore((s) => s.edit);
  const regenerate = useTrainingStore((s) => s.regenerate);
  const setValidationFraction = useTrainingStore((s) => s.setValidationFraction);
  const csv = useTrainingStore((s) => s.csv);
  const [problems, setProblems] = useState<string[]>([]);
  const [wantsCsv, setWantsCsv] = useState(false);
  const { data, preparation } = experiment;
  const generated = 'samples' in data ? data : null;
  const source = wantsCsv && data.source !== 'csv' ? 'csv' : data.source;

  const setSource = (next: Source) => {
    if (next === 'csv') {
      setWantsCsv(true);
      setProblems([]);
      return;
    }
    setWantsCsv(false);
    setProblems(
      edit((draft) => {
        if (next === 'digits' || next === 'iris' || next === 'mnist') draft.data = { source: next };
        else draft.data = { ...GENERATED_DEFAULTS, ...(generated ?? {}), source: next };
        if (next === 'xor' || next === 'moons' || next === 'circles') (draft.data as Generated).classes = 2;
        // Point augmentations need 2-D points; the image-style ones work on any features.
        if (draft.loss.mode === 'nt-xent') {
          const twoD = 'samples' in draft.data;
          if (twoD && draft.loss.augmentation.kind !== 'points')
            draft.loss.augmentation = { kind: 'points', rotation: 0.3, scale: 0.2, jitter: 0.1 };
          if (!twoD && draft.loss.augmentation.kind !== 'pixels') draft.loss.augmentation = { kind: 'pixels', noise: 1, dropout: 0.2 };
        }
        if (draft.loss.mode === 'cross-entropy' && draft.loss.classWeights.kind === 'custom') draft.loss.classWeights = { kind: 'uniform' };
      }),
    );
  };

  const editGenerated = (change: (d: Generated) => void) => edit((draft) => change(draft.data as Generated));

  return (
    <section className="panel" aria-labelledby="data-heading">
      <h2 id="data-heading">Data</h2>
      <DatasetThumbnails current={source} onPick={setSource} />
      <SelectField label="Dataset" value={source} options={SOURCES} onChange={setSource} />
      {source === 'csv' && <CsvUpload onProblems={setProblems} />}
      <DownloadProgress />
      {generated && (
        <>
          <NumberField
            label="Classes"
            {...RANGES.classes}
            value={generated.classes}
            step={1}
            onCommit={(v) =>
              edit((draft) => {
                (draft.data as Generated).classes = v;
                // Custom weights have one entry per class: a new class count starts from uniform.
                if (draft.loss.mode === 'cross-entropy' && draft.loss.classWeights.kind === 'custom')
                  draft.loss.classWeights = { kind: 'uniform' };
              })
            }
          />
          <NumberField
            label="Samples"
            {...RANGES.samples}
            value={generated.samples}
            step={50}
            onCommit={(v) => editGenerated((d) => (d.samples = v))}
          />
          <NumberField
            label="Noise"
            {...RANGES.noise}
            value={generated.noise}
            step={0.05}
            onCommit={(v) => editGenerated((d) => (d.noise = v))}
          />
        </>
      )}
      <details className="more">
        <summary>Imbalance and preparation</summary>
        {generated && (
          <NumberField
            label="Imbalance (first : last class)"
            {...RANGES.imbalance}
            value={generated.imbalance}
            step={1}
            hint="1 is balanced; 20 makes the last class 20× rarer than the first."
            onCommit={(v) => editGenerated((d) => (d.imbalance = v))}
          />
        )}
        <NumberField
          label="Validation share"
          {...RANGES.validationFraction}
          value={preparation.validationFraction}
          step={0.05}
          hint="Held out, stratified by class."
          onCommit={setValidationFraction}
        />
        <CheckboxField
          label="Standardise features (fitted on the training split)"
          checked={preparation.standardize}
          onChange={(on) => setProblems(edit((d) => (d.preparation.standardize = on)))}
        />
        <NumberField
          label="Unlabelled fraction"
          term="ignore_index"
          {...RANGES.unlabelledFraction}
          value={preparation.unlabelledFraction}
          step={0.05}
          hint="That share of training labels becomes ignore_index (−100)."
          onCommit={(v) => edit((d) => (d.preparation.unlabelledFraction = v))}
        />
      </details>
      <button type="button" onClick={regenerate}>
        New data (next seed)
      </button>
      <span className="field-hint"> Seed {experiment.seed}</span>
      <Errors problems={problems} />
      {data.source === 'csv' && csv && <CsvLabelMap />}
    </section>
  );
}
