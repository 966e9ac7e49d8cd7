// The 'subgroup' kernel variants give a row to a workgroup that is one subgroup, whose lanes merge
// through subgroupShuffleXor (shaders/lib/subgroup_reduce.wgsl). They need the 'subgroups' feature
// (createEngine asks for it where the adapter offers it) and a workgroup that fits in one subgroup.
import { ArgumentError } from '../core/checks';

/**
 * The workgroup size of the 'subgroup' variants on this device: the adapter's smallest subgroup size
 * (so that a workgroup is one subgroup), or null where the device lacks the 'subgroups' feature.
 */
export function subgroupWidth(device: GPUDevice): number | null {
  const size = (device.adapterInfo as GPUAdapterInfo | undefined)?.subgroupMinSize;
  if (!device.features.has('subgroups') || !size || size > 128 || (size & (size - 1)) !== 0) return null;
  return size;
}

/** Of a family's variants, those this device can run: 'subgroup' only with the feature. */
export function variantsOn<V extends string>(device: GPUDevice, variants: readonly V[]): V[] {
  return variants.filter((variant) => variant !== 'subgroup' || subgroupWidth(device) !== null);
}

/** The workgroup size for `variant`: the subgroup width for 'subgroup' (a named error without the feature), else `otherwise`. */
export function variantWorkgroupSize(device: GPUDevice, variant: string, otherwise: number): number {
  if (variant !== 'subgroup') return otherwise;
  const width = subgroupWidth(device);
  if (width === null) {
    throw new ArgumentError('variant', "'subgroup' needs a device with the 'subgroups' feature (requestDevice's requiredFeatures)");
  }
  return width;
}
