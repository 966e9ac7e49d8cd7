// The run's steps per second while it plays: each step count the store reports is a reading, and a
// quarter-second tick keeps the readout honest when steps stall.
import { useEffect, useRef, useState } from 'react';
import { useTrainingStore } from '../store/trainingStore';
import { keepWindow, type StepReading, stepsPerSecond } from './stepRate';

const TICK_MS = 250;

export function useStepRate(playing: boolean): number | null {
  const readings = useRef<StepReading[]>([]);
  const [rate, setRate] = useState<number | null>(null);
  useEffect(() => {
    if (!playing) {
      readings.current = [];
      setRate(null);
      return;
    }
    // A transient subscription: every step lands in the readings without a render of its own.
    const record = (step: number) => {
      const now = performance.now();
      readings.current = keepWindow([...readings.current, { at: now, step }], now);
    };
    record(useTrainingStore.getState().step);
    const unsubscribe = useTrainingStore.subscribe((s, previous) => {
      if (s.step !== previous.step) record(s.step);
    });
    const timer = window.setInterval(() => setRate(stepsPerSecond(readings.current, performance.now())), TICK_MS);
    return () => {
      unsubscribe();
      window.clearInterval(timer);
    };
  }, [playing]);
  return rate;
}
