// Uploading a CSV: pick a file, see its columns and first rows, choose the label column and whether to
// drop rows with missing values, then load. Once loaded, the label column can still be changed (the
// file is read again) and the label encoding is shown.
import { useId, useState } from 'react';
import { shortText } from '../../engine/data/csvText';
import { useTrainingStore } from '../../store/trainingStore';
import type { CsvPreview } from '../../store/trainingTypes';
import { CheckboxField } from '../controls/CheckboxField';
import { SelectField } from '../controls/SelectField';

/** Columns shown in the preview table; a 4,096-column file would otherwise fill the page. */
const SHOWN_COLUMNS = 12;
const DELIMITER_NAMES = { ',': 'commas', ';': 'semicolons', '\t': 'tabs' } as const;

type Picked = { file: File; preview: CsvPreview; labelColumn: number; dropMissing: boolean };

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function CsvUpload({ onProblems }: { onProblems(problems: string[]): void }) {
  const id = useId();
  const previewCsv = useTrainingStore((s) => s.previewCsv);
  const uploadCsv = useTrainingStore((s) => s.uploadCsv);
  const csv = useTrainingStore((s) => s.csv);
  const data = useTrainingStore((s) => s.experiment.data);
  const [picked, setPicked] = useState<Picked | null>(null);
  const [busy, setBusy] = useState(false);

  const pick = async (file: File) => {
    setBusy(true);
    try {
      const preview = await previewCsv(file);
      setPicked({ file, preview, labelColumn: preview.labelColumn, dropMissing: preview.missingRows > 0 });
      onProblems([]);
    } catch (error) {
      setPicked(null);
      onProblems([`${file.name}: ${message(error)}. Nothing was loaded.`]);
    } finally {
      setBusy(false);
    }
  };

  const load = async (file: Blob & { name: string }, labelColumn: number, dropMissing: boolean) => {
    setBusy(true);
    try {
      await uploadCsv(file, { labelColumn, dropMissing });
      setPicked(null);
      onProblems([]);
    } catch (error) {
      onProblems([`${file.name}: ${message(error)}. Nothing was loaded.`]);
    } finally {
      setBusy(false);
    }
  };

  const loaded = csv && data.source === 'csv' && !picked ? { csv, data } : null;
  return (
    <div className="csv-upload">
      <div className="field">
        <label htmlFor={id}>CSV file</label>
        <input
          id={id}
          type="file"
          accept=".csv,.txt,.gz,text/csv"
          disabled={busy}
          aria-describedby={`${id}-note`}
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) void pick(file);
          }}
        />
        <span id={`${id}-note`} className="field-hint">
          Numeric feature columns and one label column (any text), separated by commas, semicolons or tabs; decimal commas are read. Up to
          10 MB and a million cells. You choose the label column before loading.
        </span>
      </div>
      {picked && (
        <PreviewForm
          picked={picked}
          busy={busy}
          onChange={(change) => setPicked({ ...picked, ...change })}
          onLoad={() => void load(picked.file, picked.labelColumn, picked.dropMissing)}
          onCancel={() => setPicked(null)}
        />
      )}
      {loaded && (
        <SelectField
          label="Label column"
          value={String(loaded.data.labelColumn ?? loaded.csv.columns.length - 1)}
          options={loaded.csv.columns.map((name, i) => ({ value: String(i), label: shortText(name) }))}
          disabled={busy}
          onChange={(value) =>
            void load(new File([loaded.csv.bytes as BlobPart], loaded.csv.name), Number(value), loaded.data.dropMissing ?? false)
          }
        />
      )}
    </div>
  );
}

interface PreviewFormProps {
  picked: Picked;
  busy: boolean;
  onChange(change: Partial<Picked>): void;
  onLoad(): void;
  onCancel(): void;
}

function PreviewForm({ picked, busy, onChange, onLoad, onCancel }: PreviewFormProps) {
  const { file, preview, labelColumn, dropMissing } = picked;
  const textColumns = new Set(preview.textColumns);
  const shown = preview.columns.slice(0, SHOWN_COLUMNS);
  const dialect = [
    `separated by ${DELIMITER_NAMES[preview.delimiter]}`,
    preview.decimalComma && 'decimal commas',
    preview.hasHeader ? 'a header row' : 'no header row',
    preview.trailingDelimiter && 'a delimiter ending every line (its empty column is ignored)',
  ].filter(Boolean);
  return (
    <form
      className="csv-preview"
      aria-label={`Preview of ${file.name}`}
      onSubmit={(event) => {
        event.preventDefault();
        onLoad();
      }}
    >
      <p>
        {shortText(file.name)}: {preview.rows} rows, {preview.columns.length} columns; {dialect.join(', ')}.
      </p>
      <div>
        <table className="csv-sample">
          <caption>First rows</caption>
          <thead>
            <tr>
              {shown.map((name, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional; names may repeat
                <th key={i} scope="col" aria-current={i === labelColumn ? 'true' : undefined}>
                  {name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.sample.map((cells, row) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional
              <tr key={row}>
                {cells.slice(0, SHOWN_COLUMNS).map((cell, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional
                  <td key={i}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {preview.columns.length > SHOWN_COLUMNS && (
          <span className="field-hint">… and {preview.columns.length - SHOWN_COLUMNS} more columns</span>
        )}
      </div>
      <SelectField
        label="Label column"
        value={String(labelColumn)}
        options={preview.columns.map((name, i) => ({ value: String(i), label: textColumns.has(i) ? `${name} (text)` : name }))}
        hint="The other columns are the features and must hold numbers."
        onChange={(value) => onChange({ labelColumn: Number(value) })}
      />
      {preview.missingRows > 0 && (
        <CheckboxField
          label={`Drop ${preview.missingRows} ${preview.missingRows === 1 ? 'row' : 'rows'} with missing values (empty, NA, N/A, NaN, null, ?)`}
          checked={dropMissing}
          onChange={(on) => onChange({ dropMissing: on })}
        />
      )}
      <button type="submit" disabled={busy}>
        Load {shortText(file.name)}
      </button>{' '}
      <button type="button" onClick={onCancel} disabled={busy}>
        Cancel
      </button>
    </form>
  );
}

export function CsvLabelMap() {
  const csv = useTrainingStore((s) => s.csv);
  if (!csv) return null;
  const dropped = csv.droppedRows > 0 ? `, ${csv.droppedRows} dropped for missing values` : '';
  return (
    <table className="label-map">
      <caption>
        Label encoding of {shortText(csv.name)} ({csv.rows} rows{dropped})
      </caption>
      <thead>
        <tr>
          <th scope="col">Class index</th>
          <th scope="col">Label in the file</th>
          <th scope="col">Rows</th>
        </tr>
      </thead>
      <tbody>
        {csv.labelMapping.map((entry, k) => (
          <tr key={entry.name}>
            <td>{k}</td>
            <td>{shortText(entry.name)}</td>
            <td>{entry.count}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
