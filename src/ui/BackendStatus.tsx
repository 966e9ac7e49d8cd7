import { useLabStore } from '../store/labStore';

export function BackendStatus() {
  const engine = useLabStore((s) => s.engine);
  const engineError = useLabStore((s) => s.engineError);
  const lostReason = useLabStore((s) => s.lostReason);
  let text = 'Starting the engine…';
  if (engineError) text = `The engine failed to start: ${engineError}`;
  else if (engine) text = `${engine.backend === 'webgpu' ? 'WebGPU' : 'CPU'} backend on ${engine.adapterName}`;
  return (
    <div role="status" aria-label="Backend" className={`backend${engine?.backend === 'cpu' ? ' backend-cpu' : ''}`}>
      <strong>{text}</strong>
      {engine?.fallbackReason && <p className="notice">Running on the CPU reference because {engine.fallbackReason}.</p>}
      {lostReason && <p className="notice">The GPU device was lost earlier ({lostReason}); the run was restored.</p>}
    </div>
  );
}
