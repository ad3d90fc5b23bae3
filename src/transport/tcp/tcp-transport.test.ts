import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { describe, it } from 'node:test';
import { transportContract } from '../../../test/contracts/transport.contract.js';
import { CapturingLogger } from '../../../test/helpers/capturing-logger.js';
import { tcpTransports } from '../../../test/helpers/tcp-transports.js';
import { waitFor } from '../../../test/helpers/wait-for.js';
import type { DataBatch, TransportMessage } from '../../runtime/messaging/messages.js';
import { encodeFrame, FRAME_KINDS, PROTOCOL_VERSION } from './frame.js';
import { TcpTransport } from './tcp-transport.js';

transportContract('tcp', (ids) => tcpTransports(ids));

const data = (seq: number): DataBatch => ({
  kind: 'data',
  sourceTask: 1,
  stream: 's',
  destTasks: [2],
  values: [[seq]],
});

function inbox(t: TcpTransport): TransportMessage[] {
  const got: TransportMessage[] = [];
  t.onMessage((_from, m) => got.push(m));
  return got;
}

/** Opens a raw connection to `t` and writes `bytes`; resolves when `t` closes it. */
async function rawSend(t: TcpTransport, port: number, bytes: Buffer): Promise<void> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  socket.on('error', () => {});
  socket.write(bytes);
  await new Promise<void>((resolve) => socket.once('close', () => resolve()));
  assert.ok(t.workerId.length > 0);
}

describe('tcp transport', () => {
  it('tcp - bad input on a connection closes that connection with a logged error; the worker goes on', async () => {
    const logger = new CapturingLogger();
    const b = new TcpTransport({ workerId: 'b', logger });
    const { port } = await b.listen();
    const hello = (id: string) => encodeFrame(FRAME_KINDS.hello, b.codec.encodeHello(id));
    const oversized = Buffer.alloc(6);
    oversized.writeUInt32BE(b.maxFrameBytes + 1, 0);
    oversized[4] = PROTOCOL_VERSION;
    const otherVersion = hello('a');
    otherVersion[4] = PROTOCOL_VERSION + 1;
    const badMessage = Buffer.concat([
      hello('a'),
      encodeFrame(FRAME_KINDS.message, Buffer.from([0x93, 1, 2, 3])),
    ]);
    await rawSend(b, port, Buffer.from('GET / HTTP/1.1\r\n\r\n'));
    await rawSend(b, port, oversized);
    await rawSend(b, port, otherVersion);
    await rawSend(b, port, encodeFrame(FRAME_KINDS.message, Buffer.from([0x90])));
    await rawSend(b, port, hello('z')); // 'z' sorts after 'b': it may not dial b
    await rawSend(b, port, badMessage);
    const refusals = logger.withMessage('refusing a connection').map((e) => String(e.fields['err']));
    assert.equal(refusals.length, 5, refusals.join('\n'));
    assert.match(refusals[1]!, /over the limit/);
    assert.match(refusals[2]!, /protocol version 2, this worker 1/);
    assert.match(refusals[3]!, /not a hello/);
    assert.match(refusals[4]!, /may not dial/);
    const protocolErrors = logger.withMessage('closing the connection to a peer after a protocol error');
    assert.equal(protocolErrors.length, 1);
    assert.equal(protocolErrors[0]!.fields['peer'], 'a', 'the peer is named');

    // b still works: a real peer connects and talks to it.
    const [a] = await tcpTransports(['a'], {});
    const got = inbox(b);
    a!.setPeers(new Map([['b', { host: '127.0.0.1', port }]]));
    await waitFor(() => a!.connected && b.connected);
    a!.link('b').send(data(1));
    await waitFor(() => got.length === 1);
    await Promise.all([a!.close(), b.close()]);
  });

  it('tcp - a restarted peer is dialed again; what was sent meanwhile arrives, in order', async () => {
    const [a, b] = await tcpTransports(['a', 'b'], { window: 1000 });
    const first = inbox(b!);
    a!.link('b').send(data(0));
    await waitFor(() => first.length === 1);
    await b!.close();
    // While b is down, a keeps sending: the messages wait for the connection.
    for (let i = 1; i <= 5; i++) a!.link('b').send(data(i));
    const b2 = new TcpTransport({ workerId: 'b', logger: new CapturingLogger() });
    const address = await b2.listen(); // another port, as a restarted process would get
    const second = inbox(b2);
    a!.setPeers(new Map([['b', address]]));
    b2.setPeers(new Map([['a', { host: '127.0.0.1', port: 1 }]]));
    await waitFor(() => second.length === 5, { message: `got ${second.length} of 5 after the restart` });
    assert.deepEqual(
      second.map((m) => (m as DataBatch).values[0]![0]),
      [1, 2, 3, 4, 5],
    );
    await Promise.all([a!.close(), b2.close()]);
  });
});
