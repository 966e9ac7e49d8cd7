// Workgroup counts for "one invocation per item" kernels. A 1-D grid is limited to
// maxComputeWorkgroupsPerDimension groups, so long row counts fold into a second dimension
// (the kernels rebuild the row as gid.x + gid.y · groups.x · WORKGROUP_SIZE).
export const WORKGROUP_SIZE = 64;

export function rowGrid(device: GPUDevice, items: number, workgroupSize = WORKGROUP_SIZE): [number, number] {
  const groups = Math.max(1, Math.ceil(items / workgroupSize));
  const perDimension = device.limits.maxComputeWorkgroupsPerDimension;
  if (groups <= perDimension) return [groups, 1];
  return [perDimension, Math.ceil(groups / perDimension)];
}

/** Most rows a folded grid reaches on this device. */
export function maxGridItems(device: GPUDevice, workgroupSize = WORKGROUP_SIZE): number {
  const perDimension = device.limits.maxComputeWorkgroupsPerDimension;
  return perDimension * perDimension * workgroupSize;
}
