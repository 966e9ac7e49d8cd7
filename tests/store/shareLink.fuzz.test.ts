// The share-link fuzz suite: ≥ 100 seeded links (random text, truncated real links, hostile JSON,
// extreme-but-valid experiments). Each gives a valid experiment or a capped notice whose problems
// are named; none throws, and none reaches Object.prototype.
import { describe, expect, it } from 'vitest';
import { parseExperiment } from '../../src/engine/experiment/schema';
import { capProblems, LISTED_PROBLEMS, PROBLEM_CHARACTERS, readExperimentFragment } from '../../src/store/shareLink';
import { fuzzLinks } from '../support/hostileLinks';
import { seededRandom } from '../support/random';

const LINKS = fuzzLinks(seededRandom(20));
// A problem starts with the field it is about ('model.hidden: …', '(root): …'), with what it says of
// the link as a whole, or it is the count of the rest.
const NAMED = /^((\(root\)|[\w$.\u00a0-\uffff-]+): |the (experiment in the )?link |and [\d,]+ more$)/;

describe('share-link fuzz', () => {
  it('has at least 100 links of every kind', () => {
    expect(LINKS.length).toBeGreaterThanOrEqual(100);
    for (const kind of ['random', 'truncated', 'hostile', 'extreme-valid'])
      expect(LINKS.filter((l) => l.kind === kind).length, kind).toBeGreaterThan(20);
  });

  it.each(LINKS.map((link) => [link.name, link] as const))('%s: a valid experiment or a named, capped notice', (_, link) => {
    const result = readExperimentFragment(link.hash);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    if (result.kind === 'ok') {
      expect(parseExperiment(structuredClone(result.experiment))).toEqual(result.experiment);
    } else if (result.kind === 'rejected') {
      expect(result.problems.length).toBeGreaterThan(0);
      expect(result.problems.length).toBeLessThanOrEqual(LISTED_PROBLEMS + 1);
      for (const problem of result.problems) {
        expect(problem).toMatch(NAMED);
        // A cut problem keeps PROBLEM_CHARACTERS and adds "… (N characters)".
        expect(problem.length).toBeLessThanOrEqual(PROBLEM_CHARACTERS + 30);
      }
    }
    if (link.kind === 'extreme-valid') expect(result.kind).toBe('ok');
    if (link.kind === 'hostile') expect(result.kind).toBe('rejected');
  });

  it('caps 10⁵ problems to the first five and a count', () => {
    const problems = Array.from({ length: 100_000 }, (_, i) => `k${i}: unknown`);
    expect(capProblems(problems)).toEqual(['k0: unknown', 'k1: unknown', 'k2: unknown', 'k3: unknown', 'k4: unknown', 'and 99,995 more']);
    expect(capProblems([`(root): ${'x'.repeat(5000)}`])[0]).toMatch(/^\(root\): x{192}… \(5008 characters\)$/);
  });
});
