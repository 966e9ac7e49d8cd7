import { useLabStore } from '../store/labStore';

export function BackendStatus() {
  const engine = useLabStore((s) => s.engine);
  const engineError = useLabStore((s) => s.engineError);
  let text = 'Starting the engine…';
  if (engineError) text = `The engine failed to start: ${engineError}`;
  else if (engine) text = `${engine.backend === 'webgpu' ? 'WebGPU' : 'CPU'} backend on ${engine.adapterName}`;
  return (
    <section className="panel">
      <div role="status" aria-label="Backend" className="backend">
        <strong>{text}</strong>
        {engine?.fallbackReason && <p className="notice">Running on the CPU reference because {engine.fallbackReason}.</p>}
      </div>
    </section>
  );
}
