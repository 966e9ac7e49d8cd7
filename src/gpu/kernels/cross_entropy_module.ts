// The cross-entropy shader module: its three shader files (shaders/cross_entropy.wgsl the general path
// and the per-entry math, cross_entropy_fast.wgsl the row variant's fast path, cross_entropy_workgroup.wgsl
// one row per workgroup), the fast path's entry points written out by cross_entropy_fast.ts, the
// libraries they need, and the host's view of their Params.
import crossEntropySource from '../../../shaders/cross_entropy.wgsl?raw';
import crossEntropyFastSource from '../../../shaders/cross_entropy_fast.wgsl?raw';
import crossEntropyWorkgroupSource from '../../../shaders/cross_entropy_workgroup.wgsl?raw';
import fastRowsSource from '../../../shaders/lib/fast_rows.wgsl?raw';
import subgroupReduceSource from '../../../shaders/lib/subgroup_reduce.wgsl?raw';
import workgroupReduceSource from '../../../shaders/lib/workgroup_reduce.wgsl?raw';
import type { TargetKind } from '../../core/types';
import { uniformLayout } from '../uniformLayout';
import { crossEntropyFastEntryPoints } from './cross_entropy_fast';

/** shaders/cross_entropy.wgsl's Params, field by field. */
export const CROSS_ENTROPY_PARAMS = uniformLayout([
  ['rows', 'u32'],
  ['classes', 'u32'],
  ['ignoreIndex', 'i32'],
  ['_pad0', '_pad'],
  ['labelSmoothing', 'f32'],
  ['chunk', 'u32'],
  ['_pad1', '_pad'],
  ['_pad2', '_pad'],
] as const);

const shaders = [crossEntropySource, crossEntropyFastSource, crossEntropyFastEntryPoints(), crossEntropyWorkgroupSource].join('\n');

/**
 * The module for these targets, with the libraries it needs and lib/fast_rows.wgsl's general path for
 * them. The 'subgroup' variant's has the lanes merge through shuffles: a module of its own, since
 * `enable subgroups` fails to compile on a device without the feature.
 */
export function crossEntropyModule(targetKind: TargetKind, subgroups: boolean): { family: string; source: string } {
  const reduce = subgroups ? subgroupReduceSource : workgroupReduceSource;
  const generalRow = `fn general_row(row: u32) { ${targetKind}_row_general(row); }`;
  return {
    family: `cross_entropy${targetKind === 'probs' ? '.probs' : ''}${subgroups ? '.subgroup' : ''}`,
    source: [reduce, fastRowsSource, shaders, generalRow].join('\n'),
  };
}
