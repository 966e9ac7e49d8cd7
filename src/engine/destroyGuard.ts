// After destroy() an engine refuses every call with one named error, on both backends: the WebGPU
// engine used to reject with an AbortError whose message was empty (its device was gone), while the
// CPU engine went on working. A call still in flight when destroy() came ends with the same error.
import type { Engine } from './types';

export class EngineDestroyedError extends Error {
  constructor(readonly method: string) {
    super(`engine destroyed: ${method}() was called after destroy(); create a new engine with createEngine()`);
    this.name = 'EngineDestroyedError';
  }
}

/** `engine` with every method refused after destroy(); destroy() itself may be called again. */
export function guardDestroyed(engine: Engine): Engine {
  let destroyed = false;
  const refuseIfDestroyed = (method: string) => {
    if (destroyed) throw new EngineDestroyedError(method);
  };
  /** An async call: refused after destroy, and its failure reported as the destroy when that came meanwhile. */
  const call = async <T>(method: string, run: () => Promise<T>): Promise<T> => {
    refuseIfDestroyed(method);
    try {
      return await run();
    } catch (error) {
      refuseIfDestroyed(method);
      throw error;
    }
  };
  return {
    backend: engine.backend,
    adapterName: engine.adapterName,
    fallbackReason: engine.fallbackReason,
    crossEntropy: (args) => call('crossEntropy', () => engine.crossEntropy(args)),
    ntXent: (args) => call('ntXent', () => engine.ntXent(args)),
    logSoftmax: (args) => call('logSoftmax', () => engine.logSoftmax(args)),
    createTrainer: (setup) => {
      refuseIfDestroyed('createTrainer');
      return engine.createTrainer(setup);
    },
    ...(engine.createWarmStartTrainer && {
      createWarmStartTrainer: (setup, rows) => {
        refuseIfDestroyed('createWarmStartTrainer');
        return (engine.createWarmStartTrainer as NonNullable<Engine['createWarmStartTrainer']>)(setup, rows);
      },
    }),
    lost: engine.lost,
    destroy() {
      if (destroyed) return;
      destroyed = true;
      engine.destroy();
    },
  };
}
