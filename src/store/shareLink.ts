// Share links: the whole experiment in the URL fragment, compressed with lz-string, and validated on
// the way in by the same schema as the headless runner's config. Nothing read from a link reaches
// the page as HTML: it is parsed as JSON and checked field by field.
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import { type Experiment, ExperimentError, parseExperiment } from '../engine/experiment/schema';

const KEY = 'experiment';
/** Problems a rejected link lists by name; the rest are counted ("and 99,995 more"). */
export const LISTED_PROBLEMS = 5;
/** Characters of one problem shown: zod lists every unrecognised key in one message. */
export const PROBLEM_CHARACTERS = 200;

export function experimentFragment(experiment: Experiment): string {
  return `#${KEY}=${compressToEncodedURIComponent(JSON.stringify(experiment))}`;
}

export type LinkResult = { kind: 'none' } | { kind: 'ok'; experiment: Experiment } | { kind: 'rejected'; problems: string[] };

/** Reads a location.hash; 'rejected' lists why, field by field where the JSON itself was readable. */
export function readExperimentFragment(hash: string): LinkResult {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const packed = params.get(KEY);
  if (packed === null) return hash.length > 1 ? { kind: 'rejected', problems: [`the link has no "${KEY}=" part`] } : { kind: 'none' };
  const text = decompressFromEncodedURIComponent(packed.replace(/ /g, '+'));
  if (!text) return { kind: 'rejected', problems: ['the experiment in the link is damaged (it does not decompress)'] };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    // JSON.parse throws a RangeError on nesting deeper than the stack: a hostile link, not bad JSON.
    const why = error instanceof RangeError ? ' (it is nested too deeply to read)' : '';
    return { kind: 'rejected', problems: [`the experiment in the link is not valid JSON${why}`] };
  }
  try {
    return { kind: 'ok', experiment: parseExperiment(raw) };
  } catch (error) {
    if (error instanceof ExperimentError) return { kind: 'rejected', problems: capProblems(error.problems) };
    // Anything else the checks throw (a stack overflow on deep nesting) still names the link as the cause.
    const text = error instanceof Error ? error.message : String(error);
    return { kind: 'rejected', problems: capProblems([`the experiment in the link could not be checked: ${text}`]) };
  }
}

/**
 * At most LISTED_PROBLEMS problems of at most PROBLEM_CHARACTERS each, then how many more: a link
 * with 10⁵ unknown keys once made a notice of 989,011 characters.
 */
export function capProblems(problems: string[]): string[] {
  const shown = problems
    .slice(0, LISTED_PROBLEMS)
    .map((p) => (p.length > PROBLEM_CHARACTERS ? `${p.slice(0, PROBLEM_CHARACTERS)}… (${p.length} characters)` : p));
  const more = problems.length - shown.length;
  return more > 0 ? [...shown, `and ${more.toLocaleString('en')} more`] : shown;
}
