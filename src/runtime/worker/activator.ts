/**
 * How a delivery wakes a parked scheduler (Timely's `Activator`): producers check `parked` (one
 * boolean read per delivery) and call `wake()` only when it is set.
 */
export interface Activator {
  readonly parked: boolean;
  wake(): void;
}
