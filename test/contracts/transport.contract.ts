/**
 * The conformance suite every `Transport` implementation runs (STYLE.md H4): order per sender,
 * no loss while connected, batches arrive whole, flow control, and close delivering what was sent.
 * An implementation's test file calls `transportContract(name, makePair)`.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DataBatch, TransportMessage } from '../../src/runtime/messaging/messages.js';
import type { Transport } from '../../src/runtime/messaging/transport.js';
import { waitFor } from '../helpers/wait-for.js';

/** Makes connected endpoints with the given worker ids; closes them when the test is over. */
export type MakeTransports = (ids: readonly string[]) => Promise<Transport[]>;

function batch(sourceTask: number, seq: number, size = 3): DataBatch {
  return {
    kind: 'data',
    sourceTask,
    stream: 'default',
    destTasks: Array.from({ length: size }, () => 7),
    values: Array.from({ length: size }, (_, i) => [seq, i, `v${seq}-${i}`]),
  };
}

function received(t: Transport): { from: string; message: TransportMessage }[] {
  const got: { from: string; message: TransportMessage }[] = [];
  t.onMessage((from, message) => got.push({ from, message }));
  return got;
}

export function transportContract(name: string, make: MakeTransports): void {
  describe(`transport contract - ${name}`, () => {
    it('transport - messages from one sender arrive in order, none lost', async () => {
      const [a, b] = await make(['a', 'b']);
      const got = received(b!);
      for (let i = 0; i < 1000; i++) a!.link('b').send(batch(1, i));
      await waitFor(() => got.length === 1000, { message: `got ${got.length} of 1000` });
      got.forEach((g, i) => {
        assert.equal(g.from, 'a');
        assert.equal(g.message.kind, 'data');
        assert.deepEqual(g.message, batch(1, i));
      });
      await Promise.all([a!.close(), b!.close()]);
    });

    it('transport - each sender keeps its own order when several send to one receiver', async () => {
      const [a, b, c] = await make(['a', 'b', 'c']);
      const got = received(c!);
      for (let i = 0; i < 500; i++) {
        a!.link('c').send(batch(1, i));
        b!.link('c').send(batch(2, i));
      }
      await waitFor(() => got.length === 1000);
      for (const from of ['a', 'b']) {
        const seqs = got.filter((g) => g.from === from).map((g) => (g.message as DataBatch).values[0]![0]);
        assert.deepEqual(
          seqs,
          Array.from({ length: 500 }, (_, i) => i),
        );
      }
      await Promise.all([a!.close(), b!.close(), c!.close()]);
    });

    it('transport - backpressure status messages travel in order with data', async () => {
      const [a, b] = await make(['a', 'b']);
      const got = received(b!);
      a!.link('b').send(batch(1, 0));
      a!.link('b').send({ kind: 'backpressure', overloadedTasks: [3, 4] });
      a!.link('b').send(batch(1, 1));
      await waitFor(() => got.length === 3);
      assert.deepEqual(
        got.map((g) => g.message.kind),
        ['data', 'backpressure', 'data'],
      );
      await Promise.all([a!.close(), b!.close()]);
    });

    it('transport - a paused receiver makes the link unwritable; resuming delivers all and frees it', async () => {
      const [a, b] = await make(['a', 'b']);
      const got = received(b!);
      b!.pauseInbound();
      const link = a!.link('b');
      let sent = 0;
      let wokeUp = 0;
      a!.onWritable(() => wokeUp++);
      while (link.writable && sent < 100_000) link.send(batch(1, sent++));
      assert.ok(sent < 100_000, 'the link never stopped being writable');
      await new Promise((r) => setImmediate(r));
      assert.equal(got.length, 0, 'a paused receiver handed messages over');
      b!.resumeInbound();
      await waitFor(() => got.length === sent);
      await waitFor(() => link.writable);
      assert.ok(wokeUp >= 1, 'onWritable was not called');
      await Promise.all([a!.close(), b!.close()]);
    });

    it('transport - close delivers what was sent before it and is idempotent', async () => {
      const [a, b] = await make(['a', 'b']);
      const got = received(b!);
      for (let i = 0; i < 10; i++) a!.link('b').send(batch(1, i));
      const first = b!.close();
      assert.equal(b!.close(), first);
      await first;
      assert.equal(got.length, 10);
      await a!.close();
    });

    it('transport - a message sent while the receiver is closing is still delivered', async () => {
      const [a, b] = await make(['a', 'b']);
      const got = received(b!);
      const closing = b!.close();
      a!.link('b').send(batch(1, 0));
      await closing;
      assert.equal(got.length, 1);
      await a!.close();
    });

    it('transport - link returns the same object for the same peer', async () => {
      const [a, b] = await make(['a', 'b']);
      assert.equal(a!.link('b'), a!.link('b'));
      await Promise.all([a!.close(), b!.close()]);
    });
  });
}
