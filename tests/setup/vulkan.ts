// Dawn (the npm package 'webgpu') needs a Vulkan driver; on Debian, Chromium ships SwiftShader's.
// Set it here so nobody has to export it by hand; an explicit VK_ICD_FILENAMES wins.
import { existsSync } from 'node:fs';

const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

if (!process.env.VK_ICD_FILENAMES && existsSync(SWIFTSHADER_ICD)) {
  process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
}

// The Vulkan loader warns on every device when XDG_RUNTIME_DIR is unset (as in CI containers).
if (!process.env.XDG_RUNTIME_DIR) process.env.XDG_RUNTIME_DIR = '/tmp';
