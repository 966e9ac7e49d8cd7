// Problems a control's change caused, read out as they appear.
export function Errors({ problems }: { problems: string[] }) {
  if (problems.length === 0) return null;
  return (
    <ul className="field-error" role="alert">
      {problems.map((p) => (
        <li key={p}>{p}</li>
      ))}
    </ul>
  );
}
