/**
 * The reserved component and streams of acking (STYLE.md H8: the acker is a bolt on `__` streams,
 * which user components cannot declare). Reports are batched: a task collects what it has for
 * each acker during a step and sends one tuple per acker, whose single value is a flat array of
 * numbers. Values of each stream:
 *
 * - `__ack_init`  [packed: root, hi, lo, root, hi, lo, ...]: a spout task emitted these roots;
 *   (hi, lo) is the XOR of the edge ids of the tuples it sent. The spout task is in the root id.
 * - `__ack_ack`   [packed: root, hi, lo, ...]: tuples of these roots were acked; (hi, lo) is the
 *   XOR of their ack values.
 * - `__ack_fail`  [root]: a tuple of `root` failed (rare: one tuple each).
 * - `__ack_reset` [root]: `resetTimeout` was called on a tuple of `root`.
 * - `__ack_result` [packed: root, outcome, ...] (direct, acker to a spout task): each tree
 *   completed (`ACK_COMPLETE`) or failed (`ACK_FAILED`), or its timeout was reset (`ACK_RESET`).
 */
export const ACKER_COMPONENT = '__acker';
export const ACK_INIT_STREAM = '__ack_init';
export const ACK_ACK_STREAM = '__ack_ack';
export const ACK_FAIL_STREAM = '__ack_fail';
export const ACK_RESET_STREAM = '__ack_reset';
export const ACK_RESULT_STREAM = '__ack_result';

export const ACK_INIT_FIELDS = ['packed'] as const;
export const ACK_ACK_FIELDS = ['packed'] as const;
export const ACK_FAIL_FIELDS = ['root'] as const;
export const ACK_RESET_FIELDS = ['root'] as const;
export const ACK_RESULT_FIELDS = ['packed'] as const;

/** Outcomes on `__ack_result`. */
export const ACK_FAILED = 0;
export const ACK_COMPLETE = 1;
export const ACK_RESET = 2;
