// How close a script run by PyTorch comes to our float64 CPU reference: shared by the single-run and
// the sweep export tests, which train the same kind of runs.

// PyTorch steps in float32, our reference in float64, from the same float32 data and weights. One
// float32 op rounds by 6e-8 relative; a step chains a few hundred of them and 40–60 steps compound
// them (Adam's m/√v turns small gradients' rounding into full-size steps). Measured: batch losses
// agree to 2.4e-7 relative and parameters (|p| ≲ 2) to 7.2e-7 absolute; the bounds leave ~8× room.
export const LOSS_TOL = { atol: 0, rtol: 2e-6 };
export const PARAMETER_TOL = { atol: 5e-6, rtol: 0 };
