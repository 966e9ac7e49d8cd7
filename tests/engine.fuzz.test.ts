// Hostile calls to the engine API on both backends (issue 20, item 8): undefined, null, strings,
// NaN, huge sizes, wrong lengths, wrong types, and every method after destroy(). Each call must end
// in an ArgumentError naming the argument (or a DeviceLimitError / EngineDestroyedError), or in a
// correct result: never a TypeError, an empty message, or a silent number. A seeded part mutates one
// field of a valid call at a time; a fixed table covers the cases a person would try first.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ArgumentError, type Engine, EngineDestroyedError } from '../src';
import { initialParameters } from '../src/engine/model/init';
import { mlpLayout } from '../src/engine/model/layout';
import type { MlpTrainingSetup } from '../src/engine/train/types';
import { describeEachBackend, engineFor } from './support/backends';
import { seededRandom } from './support/random';

type Args = Record<string, unknown>;
type Method = 'crossEntropy' | 'ntXent' | 'logSoftmax';

const validCall = (): Record<Method, Args> => ({
  crossEntropy: {
    logits: Float32Array.of(1, 2, 0.5, -1, 0, 3),
    target: Int32Array.of(1, 2),
    n: 2,
    c: 3,
    weight: Float32Array.of(1, 2, 0.5),
    labelSmoothing: 0.1,
    ignoreIndex: -100,
    reduction: 'mean',
  },
  ntXent: { z: Float32Array.of(1, 0, 0, 1, 0.5, 0.5, -1, 0.25), rows: 4, dim: 2, temperature: 0.5, reduction: 'mean' },
  logSoftmax: { logits: Float32Array.of(1, 2, 3, 4), n: 2, c: 2 },
});

const validSetup = (): MlpTrainingSetup => {
  const layout = mlpLayout({ inputs: 2, hidden: [4], classes: 3, activation: 'relu' });
  return {
    layout,
    batch: 4,
    targetKind: 'index',
    initialParameters: initialParameters(layout, 'kaiming', 1),
    optimizer: { kind: 'adam', lr: 0.01 },
    loss: { labelSmoothing: 0, reduction: 'mean', ignoreIndex: -100 },
  };
};

// Values that no field takes, and those that only some refuse. 'huge' sizes make the arrays'
// lengths disagree with the shape, so the array is named.
const NOT_AN_INTEGER = [undefined, null, '2', Number.NaN, -1, 1.5, Number.POSITIVE_INFINITY, true, {}];
const NOT_AN_ARRAY = [undefined, null, 'abc', [1, 2, 3, 4, 5, 6], new Float64Array(6), new Float32Array(1), {}];
const NOT_A_NUMBER = [null, '0.1', Number.NaN, Number.NEGATIVE_INFINITY, -1, {}];

/** field → the values it refuses, and the argument the error must name (a prefix of the message). */
const MUTATIONS: Record<Method, Record<string, { values: unknown[]; names: RegExp }>> = {
  crossEntropy: {
    n: { values: [...NOT_AN_INTEGER, 2 ** 40], names: /^(n|logits|target):/ },
    c: { values: [...NOT_AN_INTEGER, 2 ** 40], names: /^(c|logits):/ },
    logits: { values: NOT_AN_ARRAY, names: /^logits:/ },
    target: {
      values: [undefined, null, '1', [1, 2], Int32Array.of(1), Int32Array.of(5, 0), new Float64Array(2)],
      names: /^target(\[\d+\])?:/,
    },
    weight: { values: [null, 'w', [1, 2, 3], Float32Array.of(1, 2), Float32Array.of(1, Number.NaN, 1)], names: /^weight(\[\d+\])?:/ },
    labelSmoothing: { values: [...NOT_A_NUMBER, 2], names: /^labelSmoothing:/ },
    ignoreIndex: { values: [null, '1', 1.5, Number.NaN, 2 ** 40], names: /^ignoreIndex:/ },
    reduction: { values: [null, 'avg', 1, {}], names: /^reduction:/ },
  },
  ntXent: {
    rows: { values: [...NOT_AN_INTEGER, 3, 0, 2 ** 40], names: /^(rows|z):/ },
    dim: { values: [...NOT_AN_INTEGER, 2 ** 40], names: /^(dim|z):/ },
    z: { values: [...NOT_AN_ARRAY, Float32Array.of(1, 0, 0, 1, Number.NaN, 0.5, -1, 0.25)], names: /^z(\[\d+\])?:/ },
    temperature: { values: [undefined, ...NOT_A_NUMBER, 0, Number.POSITIVE_INFINITY], names: /^temperature:/ },
    reduction: { values: [null, 'max', 0], names: /^reduction:/ },
  },
  logSoftmax: {
    n: { values: [...NOT_AN_INTEGER, 2 ** 40], names: /^(n|logits):/ },
    c: { values: [...NOT_AN_INTEGER, 2 ** 40], names: /^(c|logits):/ },
    logits: { values: NOT_AN_ARRAY, names: /^logits:/ },
  },
};

/** The seeded part: one field of a valid call set to a value it refuses, 60 calls per backend. */
function seededMutations(count: number) {
  const random = seededRandom(2020);
  const methods = Object.keys(MUTATIONS) as Method[];
  return Array.from({ length: count }, () => {
    const method = methods[random.int(methods.length)];
    const fields = Object.keys(MUTATIONS[method]);
    const field = fields[random.int(fields.length)];
    const { values, names } = MUTATIONS[method][field];
    const value = values[random.int(values.length)];
    const shown = typeof value === 'string' ? JSON.stringify(value) : ArrayBuffer.isView(value) ? value.constructor.name : String(value);
    return { title: `${method} with ${field} = ${shown}`, method, field, value, names };
  });
}

async function failure(call: () => unknown): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  return null;
}

describeEachBackend('engine API under hostile calls', (engine, backend) => {
  it.each(seededMutations(60))('$title: an ArgumentError naming it', async ({ method, field, value, names }) => {
    const args = validCall()[method];
    args[field] = value;
    const error = await failure(() => engine()[method](args as never));
    expect(error, `${method} accepted ${field} = ${String(value)}`).toBeInstanceOf(ArgumentError);
    expect((error as Error).message).toMatch(names);
  });

  const WHOLE_ARGUMENTS: [string, unknown, RegExp][] = [
    ['undefined', undefined, /^args: must be an object of arguments .*, got undefined$/],
    ['null', null, /^args: must be an object of arguments .*, got null$/],
    ['a string', '2', /^args: must be an object of arguments .*, got the string "2"$/],
    ['a number', 2, /^args: must be an object of arguments .*, got 2$/],
    ['an array', [1, 2], /^args: must be an object of arguments .*, got \[1,2\]$/],
  ];
  it.each(
    (['crossEntropy', 'ntXent', 'logSoftmax'] as Method[]).flatMap((method) =>
      WHOLE_ARGUMENTS.map(([what, value, message]) => ({ method, what, value, message })),
    ),
  )('$method($what): an ArgumentError, not a TypeError', async ({ method, value, message }) => {
    const error = await failure(() => engine()[method](value as never));
    expect(error).toBeInstanceOf(ArgumentError);
    expect((error as Error).message).toMatch(message);
  });

  it('names a string where a number belongs as a string', async () => {
    const args = { ...validCall().crossEntropy, n: '2' };
    await expect(engine().crossEntropy(args as never)).rejects.toThrow('n: must be an integer ≥ 1, got the string "2"');
  });

  const SETUPS: [string, (setup: MlpTrainingSetup) => unknown, RegExp][] = [
    ['undefined', () => undefined, /^setup: must be an object of training settings .*, got undefined$/],
    ['null', () => null, /^setup: must be an object of training settings .*, got null$/],
    ['no layout', (s) => ({ ...s, layout: undefined }), /^layout: must be an object of an MLP layout .*, got undefined$/],
    ['batch as a string', (s) => ({ ...s, batch: '4' }), /^batch: must be an integer ≥ 1, got the string "4"$/],
    ['batch NaN', (s) => ({ ...s, batch: Number.NaN }), /^batch: must be an integer ≥ 1, got NaN$/],
    [
      'an odd nt-xent batch',
      (s) => ({ ...s, objective: 'nt-xent', loss: { ...s.loss, temperature: 0.5 }, batch: 3 }),
      /^batch: must be even/,
    ],
    [
      'an unknown objective',
      (s) => ({ ...s, objective: 'mse' }),
      /^objective: must be 'cross-entropy' or 'nt-xent', got the string "mse"$/,
    ],
    ['an unknown targetKind', (s) => ({ ...s, targetKind: 'soft' }), /^targetKind: must be 'index' or 'probs', got the string "soft"$/],
    [
      'parameters of the wrong length',
      (s) => ({ ...s, initialParameters: new Float32Array(3) }),
      /^initialParameters: must be a Float32Array of the layout's \d+ floats, got a Float32Array of length 3$/,
    ],
    ['no optimizer', (s) => ({ ...s, optimizer: null }), /^optimizer: must be an object of optimizer settings .*, got null$/],
    [
      'lr as a string',
      (s) => ({ ...s, optimizer: { kind: 'adam', lr: '0.01' } }),
      /^lr: must be a finite number ≥ 0, got the string "0.01"$/,
    ],
    ['no loss settings', (s) => ({ ...s, loss: undefined }), /^loss: must be an object of loss settings, got undefined$/],
    [
      'smoothing as a string',
      (s) => ({ ...s, loss: { ...s.loss, labelSmoothing: '0.1' } }),
      /^labelSmoothing: must be a number in \[0, 1\], got the string "0.1"$/,
    ],
  ];
  it.each(SETUPS)('createTrainer with %s: an ArgumentError naming the field', (_what, change, message) => {
    const error = (() => {
      try {
        engine()
          .createTrainer(change(validSetup()) as MlpTrainingSetup)
          .destroy();
      } catch (caught) {
        return caught;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(ArgumentError);
    expect((error as Error).message).toMatch(message);
  });

  // Valid extremes give the right number.
  it('one class: loss 0 and gradient 0 (log softmax of one logit is 0)', async () => {
    const { loss, grad } = await engine().crossEntropy({ logits: Float32Array.of(123.5, -7), target: Int32Array.of(0, 0), n: 2, c: 1 });
    expect(Array.from(loss)).toEqual([0]);
    expect(Array.from(grad)).toEqual([0, 0]);
  });

  it('every row ignored: the mean is 0/0 = NaN, as in PyTorch, with a zero gradient', async () => {
    const { loss, grad } = await engine().crossEntropy({ ...validCall().crossEntropy, target: Int32Array.of(-100, -100) } as never);
    expect(loss[0]).toBeNaN();
    expect(Array.from(grad).every((g) => g === 0)).toBe(true);
  });

  it('two rows of NT-Xent: each row has only its positive, so the loss is exactly 0', async () => {
    const { loss } = await engine().ntXent({ z: Float32Array.of(1, 2, -3, 0.5), rows: 2, dim: 2, temperature: 0.1 });
    expect(loss[0]).toBe(0);
  });

  it(`refuses an NT-Xent batch too large for the ${backend} backend by name`, async () => {
    const rows = 2 ** 16; // a 2¹⁶ × 2¹⁶ similarity matrix: 16 GiB in float32
    const error = await failure(() => engine().ntXent({ z: new Float32Array(rows), rows, dim: 1, temperature: 0.5 }));
    expect(error).toBeInstanceOf(ArgumentError);
    expect((error as Error).message).toMatch(
      backend === 'cpu'
        ? /^rows: must be an integer in \[2, 4096\] on the CPU backend/
        : /^rows: the \[rows, rows\] similarity matrix needs 17179869184 bytes/,
    );
  });
});

describeEachBackend('engine API after destroy()', (_engine, backend) => {
  let destroyed: Engine;
  beforeAll(async () => {
    destroyed = await engineFor(backend);
    destroyed.destroy();
  });
  afterAll(() => destroyed.destroy()); // a second destroy() is allowed

  it.each(['crossEntropy', 'ntXent', 'logSoftmax'] as Method[])('%s rejects with "engine destroyed"', async (method) => {
    const error = await failure(() => destroyed[method](validCall()[method] as never));
    expect(error).toBeInstanceOf(EngineDestroyedError);
    expect((error as Error).message).toMatch(new RegExp(`^engine destroyed: ${method}\\(\\) was called after destroy\\(\\)`));
  });

  it('createTrainer throws "engine destroyed"', () => {
    expect(() => destroyed.createTrainer(validSetup())).toThrow(EngineDestroyedError);
    expect(() => destroyed.createTrainer(validSetup())).toThrow(/^engine destroyed: createTrainer\(\)/);
  });

  it('refuses even hostile arguments with the destroy, not with their own error', async () => {
    await expect(destroyed.crossEntropy(undefined as never)).rejects.toThrow(EngineDestroyedError);
  });

  it('a call in flight when destroy() comes ends with "engine destroyed"', async () => {
    const engine = await engineFor(backend);
    const pending = engine.logSoftmax(validCall().logSoftmax as never);
    engine.destroy();
    // On the CPU the call has already finished its work: either outcome is a correct one, never another error.
    const outcome = await pending.then(
      (value) => value,
      (error: unknown) => error,
    );
    if (outcome instanceof Error) expect(outcome).toBeInstanceOf(EngineDestroyedError);
    else expect(Array.from(outcome as Float32Array).map((v) => Number(v.toFixed(4)))).toEqual([-1.3133, -0.3133, -1.3133, -0.3133]);
  });
});
