import type { Page } from '@playwright/test';

/**
 * What the browser says about WebGPU misuse. Chromium reports a validation error that no error scope
 * caught as a console *warning* (e.g. `[Buffer "Mlp.params"] used in submit while destroyed`), and
 * stops after 100 of them with "WebGPU: too many warnings"; so these fail a test whatever the level.
 */
export const WEBGPU_WARNING =
  /WebGPU|GPUValidationError|GPUOutOfMemoryError|while destroyed|\[(Buffer|Texture|TextureView|BindGroup|BindGroupLayout|CommandBuffer|CommandEncoder|ComputePassEncoder|ComputePipeline|RenderPipeline|ShaderModule|Device|Queue|QuerySet|Sampler) /;

/** Console errors, WebGPU warnings at any level, and uncaught exceptions, collected from before the page loads. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
    else if (WEBGPU_WARNING.test(message.text())) errors.push(`console.${message.type()} (WebGPU): ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  return errors;
}
