// Dawn (the npm package 'webgpu') needs a Vulkan driver; on Debian, Chromium ships SwiftShader's.
// Point the Vulkan loader at it when nothing else is chosen, so nobody has to export it by hand.
import { existsSync } from 'node:fs';

const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

export function pointVulkanAtSwiftShader(): void {
  if (!process.env.VK_ICD_FILENAMES && existsSync(SWIFTSHADER_ICD)) process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
  // The Vulkan loader warns on every device when XDG_RUNTIME_DIR is unset (as in CI containers).
  if (!process.env.XDG_RUNTIME_DIR) process.env.XDG_RUNTIME_DIR = '/tmp';
}
