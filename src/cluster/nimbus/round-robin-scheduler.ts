/**
 * The default scheduler, Storm's even scheduler:
 *
 * - Slots are taken across machines first: the first slot of every supervisor (in id order), then
 *   the second of every supervisor, and so on. A topology's workers spread over as many machines as
 *   it can.
 * - A new topology's executors go round-robin over its workers.
 * - When some of its workers are gone (their supervisor died, or their slot is no longer offered),
 *   the workers left keep their executors; the lost ones take free slots, up to the worker count
 *   asked for, and the lost executors go round-robin to the least loaded workers, new ones first.
 */
import { workerId, type SupervisorRecord, type WorkerAssignment } from '../store/records.js';
import type { ExecutorSpec, Scheduler, SchedulingInput } from './scheduler.js';

interface Slot {
  readonly supervisor: string;
  readonly host: string;
  readonly port: number;
}

/** Live slots, interleaved across supervisors in id order. */
function interleavedSlots(supervisors: readonly SupervisorRecord[]): Slot[] {
  const sorted = [...supervisors].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const ports = sorted.map((s) => [...new Set(s.slots)].sort((a, b) => a - b));
  const out: Slot[] = [];
  const rounds = Math.max(0, ...ports.map((p) => p.length));
  for (let r = 0; r < rounds; r++) {
    sorted.forEach((s, i) => {
      const port = ports[i]![r];
      if (port !== undefined) out.push({ supervisor: s.id, host: s.host, port });
    });
  }
  return out;
}

interface Building {
  readonly slot: Slot;
  readonly executors: ExecutorSpec[];
  readonly isNew: boolean;
}

export class RoundRobinScheduler implements Scheduler {
  readonly name = 'round-robin';

  schedule(input: SchedulingInput): WorkerAssignment[] {
    const slots = interleavedSlots(input.supervisors);
    const live = new Map(slots.map((s) => [workerId(s.supervisor, s.port), s]));
    const byFirstTask = new Map<number, ExecutorSpec>();
    for (const e of input.executors) if (e.taskIds.length > 0) byFirstTask.set(e.taskIds[0]!, e);

    // Workers on live slots keep the executors they run.
    const workers: Building[] = [];
    const placed = new Set<ExecutorSpec>();
    for (const w of input.current?.workers ?? []) {
      const slot = live.get(workerId(w.supervisor, w.port));
      if (slot === undefined || workers.length >= input.workers) continue;
      const executors: ExecutorSpec[] = [];
      for (const t of w.tasks) {
        const e = byFirstTask.get(t);
        if (e !== undefined && !placed.has(e)) {
          executors.push(e);
          placed.add(e);
        }
      }
      workers.push({ slot, executors, isNew: false });
    }

    // Free slots, across machines first, up to the worker count asked for.
    const used = new Set(workers.map((w) => workerId(w.slot.supervisor, w.slot.port)));
    for (const slot of slots) {
      if (workers.length >= input.workers) break;
      const id = workerId(slot.supervisor, slot.port);
      if (used.has(id) || input.occupied.has(id)) continue;
      used.add(id);
      workers.push({ slot, executors: [], isNew: true });
    }
    if (workers.length === 0) return [];

    // Executors without a worker: round-robin, least loaded first (new workers before old).
    const unplaced = input.executors.filter((e) => !placed.has(e));
    if (workers.every((w) => w.isNew)) {
      unplaced.forEach((e, i) => workers[i % workers.length]!.executors.push(e));
    } else {
      const order = workers.map((w, i) => ({ w, i }));
      for (const e of unplaced) {
        order.sort(
          (a, b) =>
            a.w.executors.length - b.w.executors.length || Number(b.w.isNew) - Number(a.w.isNew) || a.i - b.i,
        );
        order[0]!.w.executors.push(e);
      }
    }

    return workers.map((w) => ({
      supervisor: w.slot.supervisor,
      host: w.slot.host,
      port: w.slot.port,
      tasks: w.executors.flatMap((e) => e.taskIds).sort((a, b) => a - b),
    }));
  }
}
