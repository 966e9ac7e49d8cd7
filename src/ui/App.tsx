import { useEffect } from 'react';
import { useLabStore } from '../store/labStore';
import { BackendStatus } from './BackendStatus';
import { CrossEntropyExample } from './CrossEntropyExample';
import { SelfCheckPanel } from './SelfCheckPanel';

export function App() {
  const start = useLabStore((s) => s.start);
  useEffect(() => {
    void start();
  }, [start]);
  return (
    <main>
      <header>
        <h1>xent-lab</h1>
        <p>Cross-entropy you can see: WGSL kernels on your GPU, with PyTorch's exact semantics.</p>
      </header>
      <BackendStatus />
      <CrossEntropyExample />
      <SelfCheckPanel />
    </main>
  );
}
