// Contender names, shared by the workloads (which create them) and the report (which finds them).
export const OURS = 'ours (K calls/submit)';
export const OURS_SINGLE = 'ours (1 call + readback)';
export const FLOOR = 'floor: vec4 copy';
