/**
 * The hooks of a bolt that answers its inputs asynchronously and takes only so much input at a
 * time (a shell bolt with `shellBoltMaxPending` inputs unanswered, or one whose subprocess is
 * restarting). Its executor hands it at most `INPUT_ROOM` tuples per step and leaves the rest in its
 * queue, so the queue fills and its producers stop (backpressure); the bolt wakes the scheduler when
 * it has room again. A graceful stop waits, like for queued tuples, until it holds no input
 * (`INPUTS_HELD`). Symbols, so that no user bolt's method can be taken for them; asked once per
 * step (room) or once per idle check (held), never per tuple.
 */
export const INPUT_ROOM: unique symbol = Symbol('gale.inputRoom');
export const INPUTS_HELD: unique symbol = Symbol('gale.inputsHeld');

export interface InputPausable {
  /** How many more inputs the bolt takes now (0: none). */
  [INPUT_ROOM](): number;
  /** How many inputs it took and has neither acked nor failed yet. */
  [INPUTS_HELD](): number;
}

export function isInputPausable(bolt: object): bolt is InputPausable {
  const b = bolt as Partial<InputPausable>;
  return typeof b[INPUT_ROOM] === 'function' && typeof b[INPUTS_HELD] === 'function';
}
