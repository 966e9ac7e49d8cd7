// The groups of a sweep in its PyTorch script. Runs of one seed and batch size share the data, the
// initial weights and the batch order (plan.ts); the script's constants are the first group's. Each
// other group names its seed, its batch size and only the arrays that differ from the first group's
// (a seed changes the data, its split and the initial weights; a batch size changes none of them),
// so that a sweep over the batch size carries its data once. The loop installs a group's constants
// before training its runs. Large arrays are packed (packedArrays.ts) as in the first group's; whether a
// group's array differs is decided by its values (float32 bits), not by how the script writes them.
import type { PreparedData } from '../experiment/prepare';
import type { Experiment } from '../experiment/schema';
import type { SweepPlan } from '../sweep/plan';
import { PackedArrays } from './packedArrays';
import { scriptDataParts } from './pytorchScript';

/**
 * Arrays the sweep's script never reads, so a group does not carry its own: each run's class weights
 * come from the RUNS table, computed on that run's group's training split.
 */
const READ_FROM_RUNS = new Set(['CLASS_WEIGHTS']);

export interface GroupsInScript {
  /** The other groups' own arrays ('# why\nNAME_GROUP_g = …'), to define before GROUPS. */
  definitions: string[];
  /** GROUPS = [...]: per group, the module constants the loop sets before its runs. */
  table: string;
  /** The arrays some group replaces, for the script's text (empty when only seed or batch size differ). */
  replaced: string[];
  /** Per group, its packed arrays: `definitions` hold their tokens until each one's fill(). */
  packed: PackedArrays[];
}

/** A data part's constant name, its value's text (with tokens where arrays are packed) and its comment lines. */
function splitPart(part: string): { name: string; comment: string; value: string } {
  const match = /^([A-Z][A-Z0-9_]*) = /m.exec(part);
  if (!match) throw new Error(`pytorchSweepScript: a data part defines no constant: '${part.slice(0, 60)}'`);
  return { name: match[1], comment: part.slice(0, match.index), value: part.slice(match.index + match[1].length) };
}

/** Equal float32 bits (packed arrays hold no NaN: PackedArrays.expression rejects them). */
function sameBits(a: Float32Array, b: Float32Array): boolean {
  if (a.length !== b.length) return false;
  const x = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const y = new Uint32Array(b.buffer, b.byteOffset, b.length);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

/** Whether two groups' values of one part agree: the literals' text, and the packed arrays' bits. */
function sameValues(a: string, aPacked: PackedArrays, b: string, bPacked: PackedArrays): boolean {
  const first = aPacked.contents(a);
  const other = bPacked.contents(b);
  if (first.literals !== other.literals || first.arrays.length !== other.arrays.length) return false;
  return first.arrays.every((values, i) => sameBits(values, other.arrays[i]));
}

/** `groupData[g]` is what prepareData gave group g's first run; plan.groups[0] is the script's own. */
export function groupsInScript(plan: SweepPlan, groupData: PreparedData[]): GroupsInScript {
  const firstOf = (g: number): Experiment => plan.runs[plan.groups[g][0]].experiment;
  // Group 0's collection only serves the comparison: the script writes the first group's arrays itself.
  const packed = plan.groups.map((_, g) => new PackedArrays(`group ${g}: `));
  const parts = plan.groups.map(
    (_, g) => new Map(scriptDataParts(firstOf(g), groupData[g], packed[g]).map((p) => [splitPart(p).name, splitPart(p)])),
  );
  const definitions: string[] = [];
  const own = plan.groups.map(() => new Map<string, string>());
  for (let g = 1; g < plan.groups.length; g++) {
    for (const [name, part] of parts[g]) {
      const base = parts[0].get(name);
      if (!base) throw new Error(`pytorchSweepScript: group ${g} defines ${name}, which the first group does not`);
      if (READ_FROM_RUNS.has(name) || sameValues(base.value, packed[0], part.value, packed[g])) continue;
      own[g].set(name, `${name}_GROUP_${g}`);
      definitions.push(`${part.comment}# (group ${g}'s own)\n${name}_GROUP_${g}${part.value}`);
    }
  }
  const replaced = [...new Set(own.flatMap((names) => [...names.keys()]))];
  const rows = plan.groups.map((runs, g) => {
    const { seed, training } = firstOf(g);
    const which = `# group ${g}: run${runs.length > 1 ? 's' : ''} ${runs.join(', ')}`;
    const settings = `"SEED": ${seed}, "BATCH_SIZE": ${training.batchSize}`;
    if (replaced.length === 0) return `    {${settings}},  ${which}`;
    const arrays = replaced.map((name) => `        "${name}": ${own[g].get(name) ?? name},\n`).join('');
    return `    {  ${which}\n        ${settings},\n${arrays}    },`;
  });
  return { definitions, table: `GROUPS = [\n${rows.join('\n')}\n]`, replaced, packed };
}
