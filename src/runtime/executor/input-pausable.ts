/**
 * The hook of a bolt that takes only so much input at a time (a shell bolt with
 * `shellBoltMaxPending` inputs unanswered, or one whose subprocess is restarting): its executor
 * hands it at most that many tuples per step and leaves the rest in its queue, so the queue fills
 * and its producers stop (backpressure). The bolt wakes the scheduler when it has room again. A
 * symbol, so that no user bolt's method can be taken for it; asked once per step, not per tuple.
 */
export const INPUT_ROOM: unique symbol = Symbol('gale.inputRoom');

export interface InputPausable {
  /** How many more inputs the bolt takes now (0: none). */
  [INPUT_ROOM](): number;
}

export function isInputPausable(bolt: object): bolt is InputPausable {
  return typeof (bolt as Partial<InputPausable>)[INPUT_ROOM] === 'function';
}
