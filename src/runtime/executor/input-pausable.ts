/**
 * The hook of a bolt that cannot take input for a while (a shell bolt whose subprocess is
 * restarting, or is behind): its executor leaves its queue alone, so the queue fills and its
 * producers stop (backpressure). The bolt wakes the scheduler when it takes input again. A symbol,
 * so that no user bolt's method can be taken for it; checked once per step, not per tuple.
 */
export const INPUT_PAUSED: unique symbol = Symbol('gale.inputPaused');

export interface InputPausable {
  /** Whether the bolt takes no input now. */
  [INPUT_PAUSED](): boolean;
}

export function isInputPausable(bolt: object): bolt is InputPausable {
  return typeof (bolt as Partial<InputPausable>)[INPUT_PAUSED] === 'function';
}
