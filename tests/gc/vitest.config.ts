// The garbage-collection checks, run by tests/engine.gc.test.ts in a child `node --expose-gc`: a
// Dawn abort kills that process, which the parent test reports instead of dying with it.
import { defineConfig } from 'vitest/config';
import base from '../../vite.config.ts';

export default defineConfig({ ...base, test: { ...base.test, include: ['tests/gc/*.gc.ts'], execArgv: ['--expose-gc'] } });
