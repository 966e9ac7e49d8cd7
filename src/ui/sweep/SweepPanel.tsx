// The Sweep panel (loaded on demand): one or two settings and their values, the metric, Run and Stop,
// then the live heatmap. A clicked cell trains that run again in the main view, from step 0 with the
// same seed (a deterministic re-run: the same curves, boundary and confusion matrix), or saves it.
import { useEffect, useId, useState } from 'react';
import type { SweepMetric } from '../../engine/sweep/sweepSchema';
import { useSweepStore } from '../../store/sweepStore';
import { useTrainingStore } from '../../store/trainingStore';
import { download } from '../download';
import { SweepGrid } from './SweepGrid';
import { choiceOf, defaultValues, metricChoices, type SettingChoice, settingChoices, sweepOf } from './sweepForm';

function Select({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string;
  options: { value: string; label: string }[];
  onChange(v: string): void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function Values({ label, value, onChange }: { label: string; value: string; onChange(v: string): void }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="text" value={value} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}

export default function SweepPanel() {
  const experiment = useTrainingStore((s) => s.experiment);
  const linked = useTrainingStore((s) => s.linkedSweep);
  const { status, cells, notice, opened, sweep, start, stop, openRun, runExperiment, pytorchScript } = useSweepStore();
  const choices = settingChoices(experiment);
  const metrics = metricChoices(experiment);
  const [first, setFirst] = useState<SettingChoice>('lr');
  const [firstText, setFirstText] = useState(defaultValues('lr'));
  const [second, setSecond] = useState<SettingChoice>('none');
  const [secondText, setSecondText] = useState('');
  const [metric, setMetric] = useState<SweepMetric>(metrics[0].value);
  const [problems, setProblems] = useState<string[]>([]);

  // A shared link's sweep fills the form once.
  useEffect(() => {
    if (!linked) return;
    setFirst(choiceOf(linked.axes[0]));
    setFirstText(linked.axes[0].values.join(', '));
    if (linked.axes[1]) {
      setSecond(choiceOf(linked.axes[1]));
      setSecondText(linked.axes[1].values.join(', '));
    }
    setMetric(linked.metric);
  }, [linked]);
  const metricValue = metrics.some((m) => m.value === metric) ? metric : metrics[0].value;

  const run = async () => {
    let next: ReturnType<typeof sweepOf>;
    try {
      const axes = [{ choice: first, text: firstText }, ...(second === 'none' ? [] : [{ choice: second, text: secondText }])];
      next = sweepOf(axes, metricValue);
    } catch (error) {
      setProblems([(error as Error).message]);
      return;
    }
    setProblems([]);
    setProblems(await start(next));
  };

  const save = () => {
    const run = opened === null ? null : runExperiment(opened);
    if (run) download(`sweep-run-${opened}.json`, JSON.stringify(run, null, 2), 'application/json');
  };

  const exportScript = async () => {
    try {
      download('xent-lab-sweep.py', await pytorchScript(), 'text/x-python');
    } catch (error) {
      setProblems([(error as Error).message]);
    }
  };

  const measured = cells.filter((c) => c.metric !== null).length;
  return (
    <section className="panel" aria-labelledby="sweep-heading">
      <h2 id="sweep-heading">Sweep</h2>
      <p>Train a grid of runs over one or two settings (up to 64 runs) and compare one metric across them.</p>
      <Select
        label="Sweep setting 1"
        value={first}
        options={choices}
        onChange={(v) => {
          setFirst(v);
          setFirstText(defaultValues(v));
        }}
      />
      <Values label="Values 1" value={firstText} onChange={setFirstText} />
      <Select
        label="Sweep setting 2"
        value={second}
        options={[{ value: 'none', label: 'none (a 1-D sweep)' }, ...choices.filter((c) => c.value !== first)]}
        onChange={(v) => {
          setSecond(v);
          setSecondText(v === 'none' ? '' : defaultValues(v));
        }}
      />
      <Values label="Values 2" value={secondText} onChange={setSecondText} />
      <Select label="Sweep metric" value={metricValue} options={metrics} onChange={(v) => setMetric(v as SweepMetric)} />
      <p className="field-hint">Values: separated by commas, or log:MIN:MAX:COUNT for a log grid.</p>
      <div className="button-row">
        <button type="button" onClick={() => void run()} disabled={status === 'running'}>
          Run sweep
        </button>
        <button type="button" onClick={stop} disabled={status !== 'running'}>
          Stop sweep
        </button>
      </div>
      {problems.length > 0 && (
        <ul className="errors" role="alert">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      {notice && <p className="field-hint">{notice}</p>}
      {sweep && (
        <>
          <p role="status">
            {status === 'running'
              ? `Training: ${measured} of ${cells.length} runs measured so far.`
              : `Sweep ${status}: ${cells.length} runs.`}
          </p>
          <SweepGrid axes={sweep.axes} metric={sweep.metric} cells={cells} onOpen={openRun} />
          <button type="button" onClick={() => void exportScript()}>
            Download the sweep as a PyTorch script
          </button>
        </>
      )}
      {opened !== null && cells[opened] && (
        <p>
          Open in the main view (re-trained from step 0, same seed): {cells[opened].label}. Keep it with “Save run” under Saved runs once it
          has trained, or{' '}
          <button type="button" onClick={save}>
            Download its settings (JSON)
          </button>
        </p>
      )}
    </section>
  );
}
