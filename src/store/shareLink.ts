// Share links: the whole experiment in the URL fragment, compressed with lz-string, and validated on
// the way in by the same schema as the headless runner's config. Nothing read from a link reaches
// the page as HTML: it is parsed as JSON and checked field by field.
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import { type Experiment, ExperimentError, parseExperiment } from '../engine/experiment/schema';

const KEY = 'experiment';

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
  } catch {
    return { kind: 'rejected', problems: ['the experiment in the link is not valid JSON'] };
  }
  try {
    return { kind: 'ok', experiment: parseExperiment(raw) };
  } catch (error) {
    if (error instanceof ExperimentError) return { kind: 'rejected', problems: error.problems };
    throw error;
  }
}
