/**
 * The reserved component and streams of acking (STYLE.md H8: the acker is a bolt on `__` streams,
 * which user components cannot declare). Values of each stream, by position:
 *
 * - `__ack_init`  [root, hi, lo, spoutTask]: a spout emitted root `root`; (hi, lo) is the XOR of
 *   the edge ids of the tuples it sent.
 * - `__ack_ack`   [root, hi, lo]: a tuple of `root` was acked.
 * - `__ack_fail`  [root]: a tuple of `root` failed.
 * - `__ack_reset` [root]: `resetTimeout` was called on a tuple of `root`.
 * - `__ack_result` [root, outcome] (direct, acker to the spout task): the tree completed
 *   (`ACK_COMPLETE`) or failed (`ACK_FAILED`), or its timeout was reset (`ACK_RESET`).
 */
export const ACKER_COMPONENT = '__acker';
export const ACK_INIT_STREAM = '__ack_init';
export const ACK_ACK_STREAM = '__ack_ack';
export const ACK_FAIL_STREAM = '__ack_fail';
export const ACK_RESET_STREAM = '__ack_reset';
export const ACK_RESULT_STREAM = '__ack_result';

export const ACK_INIT_FIELDS = ['root', 'hi', 'lo', 'spoutTask'] as const;
export const ACK_ACK_FIELDS = ['root', 'hi', 'lo'] as const;
export const ACK_FAIL_FIELDS = ['root'] as const;
export const ACK_RESET_FIELDS = ['root'] as const;
export const ACK_RESULT_FIELDS = ['root', 'outcome'] as const;

/** Outcomes on `__ack_result`. */
export const ACK_FAILED = 0;
export const ACK_COMPLETE = 1;
export const ACK_RESET = 2;
