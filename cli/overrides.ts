// `--set path=value` flags: change any field of the experiment from the command line, before it is
// validated (so a bad value is reported by the schema, by its path, like a bad config file).

/** Parses `optimizer.lr=0.1`: the value as JSON when it parses (numbers, booleans, arrays), else a string. */
export function parseOverride(flag: string): { path: string[]; value: unknown } {
  const at = flag.indexOf('=');
  if (at <= 0) throw new Error(`--set ${flag}: expected path=value, e.g. --set optimizer.lr=0.1`);
  const text = flag.slice(at + 1);
  let value: unknown = text;
  try {
    value = JSON.parse(text);
  } catch {
    // a bare word such as adamw or moons: keep it as a string
  }
  return { path: flag.slice(0, at).split('.'), value };
}

export function applyOverride(target: unknown, { path, value }: { path: string[]; value: unknown }): void {
  let node = target as Record<string, unknown>;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]] = value;
}
