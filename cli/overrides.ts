// `--set path=value` flags: change any field of the experiment from the command line, before it is
// validated (so a bad value is reported by the schema, by its path, like a bad config file).
// The path walks plain objects only, and never through __proto__, constructor or prototype: those
// would reach Object.prototype and change every object in the process (prototype pollution).

/** A bad --set flag or config file: the CLI prints the message and exits 2. */
export class OverrideError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OverrideError';
  }
}

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** Parses `optimizer.lr=0.1`: the value as JSON when it parses (numbers, booleans, arrays), else a string. */
export function parseOverride(flag: string): { path: string[]; value: unknown } {
  const at = flag.indexOf('=');
  if (at <= 0) throw new OverrideError(`--set ${flag}: expected path=value, e.g. --set optimizer.lr=0.1`);
  const text = flag.slice(at + 1);
  let value: unknown = text;
  try {
    value = JSON.parse(text);
  } catch {
    // a bare word such as adamw or moons: keep it as a string
  }
  const path = flag.slice(0, at).split('.');
  path.forEach((segment, i) => {
    if (segment === '') throw new OverrideError(`--set ${flag}: path segment ${i + 1} is empty (write fields as a.b.c)`);
    if (FORBIDDEN.has(segment)) {
      throw new OverrideError(`--set ${flag}: '${segment}' is not an experiment field (__proto__, constructor and prototype are refused)`);
    }
  });
  return { path, value };
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Sets the field at `path`, making the objects on the way where they are missing; the schema judges the result. */
export function applyOverride(target: Record<string, unknown>, { path, value }: { path: string[]; value: unknown }): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    // Own fields only: an inherited one (toString, say) is not part of the experiment.
    if (!Object.hasOwn(node, key) || !isPlainObject(node[key])) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]] = value;
}

/** The first field path in `value` that names __proto__, constructor or prototype, or null. */
function forbiddenKey(value: unknown, path: string[] = []): string | null {
  if (typeof value !== 'object' || value === null) return null;
  for (const [key, child] of Object.entries(value)) {
    if (FORBIDDEN.has(key)) return [...path, key].join('.');
    const below = forbiddenKey(child, [...path, key]);
    if (below) return below;
  }
  return null;
}

/**
 * The parsed config file, which must be a JSON object: null, an array, a number or a string is
 * refused by name, and so is a field named __proto__, constructor or prototype at any depth.
 */
export function configObject(path: string, parsed: unknown): Record<string, unknown> {
  const forbidden = forbiddenKey(parsed);
  if (forbidden) {
    throw new OverrideError(`--config ${path}: ${forbidden}: not an experiment field (__proto__, constructor and prototype are refused)`);
  }
  if (isPlainObject(parsed)) return parsed;
  const got =
    parsed === null ? 'null' : Array.isArray(parsed) ? 'an array' : `a ${typeof parsed} (${JSON.stringify(parsed)?.slice(0, 40)})`;
  throw new OverrideError(`--config ${path}: must hold a JSON object (an experiment, as the page exports it), got ${got}`);
}
