/**
 * The hook of Gale's own bolts (the acker) that hold work back during a step and send it at the
 * step's end. A symbol, so that no user bolt's method can be taken for it.
 */
export const END_STEP: unique symbol = Symbol('gale.endStep');

/** A bolt with work to finish at the end of each step. */
export interface StepAware {
  /** Sends what was held back; returns whether anything went out. */
  [END_STEP](): boolean;
}

export function isStepAware(bolt: object): bolt is StepAware {
  return typeof (bolt as Partial<StepAware>)[END_STEP] === 'function';
}
