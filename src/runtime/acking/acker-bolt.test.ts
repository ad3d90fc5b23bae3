import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Fields } from '../../api/fields.js';
import type { OutputCollector } from '../../api/output-collector.js';
import type { TopologyContext } from '../../api/topology-context.js';
import { SYSTEM_COMPONENT, SYSTEM_TASK, TICK_STREAM } from '../../api/tuple.js';
import { StreamSchema } from '../tuple/stream-schema.js';
import { TupleImpl } from '../tuple/tuple-impl.js';
import { AckerBolt } from './acker-bolt.js';
import {
  ACK_ACK_FIELDS,
  ACK_ACK_STREAM,
  ACK_FAIL_FIELDS,
  ACK_FAIL_STREAM,
  ACK_INIT_FIELDS,
  ACK_INIT_STREAM,
  ACK_COMPLETE,
  ACK_FAILED,
  ACK_RESET,
  ACK_RESET_FIELDS,
  ACK_RESET_STREAM,
  ACK_RESULT_STREAM,
} from './system-streams.js';

const schema = (stream: string, fields: readonly string[]): StreamSchema =>
  new StreamSchema('spoutOrBolt', stream, new Fields(fields), false);
const INIT = schema(ACK_INIT_STREAM, ACK_INIT_FIELDS);
const ACK = schema(ACK_ACK_STREAM, ACK_ACK_FIELDS);
const FAIL = schema(ACK_FAIL_STREAM, ACK_FAIL_FIELDS);
const RESET = schema(ACK_RESET_STREAM, ACK_RESET_FIELDS);
const TICK = new StreamSchema(SYSTEM_COMPONENT, TICK_STREAM, new Fields(['rate_secs']), false);

/** A collector that records what the acker sends and reports. */
function recorder(): { collector: OutputCollector; sent: [number, string, unknown[]][]; errors: unknown[] } {
  const sent: [number, string, unknown[]][] = [];
  const errors: unknown[] = [];
  const collector = {
    emitDirect: (task: number, stream: unknown, values: unknown) =>
      void sent.push([task, String(stream), values as unknown[]]),
    reportError: (e: unknown) => void errors.push(e),
  } as unknown as OutputCollector;
  return { collector, sent, errors };
}

function acker(): { bolt: AckerBolt; sent: [number, string, unknown[]][]; errors: unknown[] } {
  const r = recorder();
  const bolt = new AckerBolt();
  bolt.prepare({} as TopologyContext, r.collector);
  return { bolt, ...r };
}

const t = (s: StreamSchema, values: unknown[]): TupleImpl => new TupleImpl(values, s, 3, null);
const tick = (): TupleImpl => new TupleImpl([30], TICK, SYSTEM_TASK, null);

describe('acker bolt', () => {
  it('acker - a tree whose edges are all acked is reported complete to its spout task, once', () => {
    const { bolt, sent } = acker();
    bolt.execute(t(INIT, [1, 0x11, 0x22, 5]));
    bolt.execute(t(ACK, [1, 0x11 ^ 0x33, 0x22 ^ 0x44])); // first tuple acked, one child made
    assert.deepEqual(sent, []);
    bolt.execute(t(ACK, [1, 0x33, 0x44])); // the child acked
    assert.deepEqual(sent, [[5, ACK_RESULT_STREAM, [1, ACK_COMPLETE]]]);
    assert.equal(bolt.pending, 0);
  });

  it('acker - a fail anywhere fails the root at once', () => {
    const { bolt, sent } = acker();
    bolt.execute(t(INIT, [2, 1, 1, 9]));
    bolt.execute(t(FAIL, [2]));
    assert.deepEqual(sent, [[9, ACK_RESULT_STREAM, [2, ACK_FAILED]]]);
  });

  it('acker - a root silent for three ticks is dropped; a reset keeps it and is passed to its spout task', () => {
    const { bolt, sent } = acker();
    const r1 = 5 * 2 ** 32 + 1;
    const r2 = 5 * 2 ** 32 + 2;
    bolt.execute(t(INIT, [r1, 1, 1, 5]));
    bolt.execute(t(INIT, [r2, 1, 1, 5]));
    bolt.execute(tick());
    bolt.execute(tick());
    bolt.execute(t(RESET, [r2]));
    assert.deepEqual(sent, [[5, ACK_RESULT_STREAM, [r2, ACK_RESET]]], 'the spout task is told of the reset');
    bolt.execute(tick());
    assert.equal(bolt.pending, 1, 'root 1 expired, root 2 kept by its reset');
    bolt.execute(t(ACK, [r1, 1, 1])); // too late: root 1 is gone
    bolt.execute(t(ACK, [r2, 1, 1]));
    assert.deepEqual(sent.slice(1), [[5, ACK_RESULT_STREAM, [r2, ACK_COMPLETE]]]);
  });

  it('acker - malformed input is reported, not thrown, and changes nothing', () => {
    const { bolt, sent, errors } = acker();
    bolt.execute(t(INIT, ['x', 1, 1, 5]));
    bolt.execute(t(INIT, [1, 'hi', 1, 5]));
    bolt.execute(t(schema('__other', ['root']), [1]));
    assert.equal(errors.length, 3);
    assert.deepEqual(sent, []);
    assert.equal(bolt.pending, 0);
  });

  it('acker - declares its result stream as direct', () => {
    const streams: [string, readonly string[], unknown][] = [];
    new AckerBolt().declareOutputFields({
      declare: () => assert.fail('no default stream'),
      declareStream: (id: string, fields: readonly string[] | Fields, options?: unknown) =>
        void streams.push([id, fields instanceof Fields ? fields.names : fields, options]),
    });
    assert.deepEqual(streams, [[ACK_RESULT_STREAM, ['root', 'outcome'], { direct: true }]]);
  });
});
