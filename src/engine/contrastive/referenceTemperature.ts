/**
 * NT-Xent's value depends on τ (it divides every similarity), so a τ change moves the loss with no
 * learning at all. The curves also show the loss at this fixed τ, which only learning moves.
 */
export const REFERENCE_TEMPERATURE = 0.5;
