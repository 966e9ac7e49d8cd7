// Contender names, shared by the workloads (which create them) and the report (which finds them).
export const OURS = 'ours (K calls/submit)';
export const OURS_SINGLE = 'ours (1 call + readback)';
/** Followed by a variant name: ours with that kernel variant forced, K calls/submit. */
export const OURS_VARIANT = 'ours, variant';
export const FLOOR = 'floor: vec4 copy';
/** The floor plus one exp per float: a bound for any cross-entropy or log-softmax kernel. */
export const EXP_BOUND = 'bound: vec4 copy + exp';
/** A softmax with none of our semantics, reading each row twice: a bound for a two-pass kernel. */
export const BARE_SOFTMAX_BOUND = 'bound: bare softmax, 2 reads';
/** The bare softmax plus a sum of one value per row, in a dispatch of its own: a bound for a loss reduced over the rows. */
export const BARE_SOFTMAX_SUM_BOUND = 'bound: bare softmax + Σ rows';
