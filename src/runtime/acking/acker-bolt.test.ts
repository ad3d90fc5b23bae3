import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Fields } from '../../api/fields.js';
import type { OutputCollector } from '../../api/output-collector.js';
import type { TopologyContext } from '../../api/topology-context.js';
import { SYSTEM_COMPONENT, SYSTEM_TASK, TICK_STREAM } from '../../api/tuple.js';
import { StreamSchema } from '../tuple/stream-schema.js';
import { TupleImpl } from '../tuple/tuple-impl.js';
import { END_STEP } from '../executor/end-step.js';
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

const t = (s: StreamSchema, values: unknown[]): TupleImpl => new TupleImpl(values, s, 3);
const tick = (): TupleImpl => new TupleImpl([30], TICK, SYSTEM_TASK);

const S = 5; // the spout task
const R1 = S * 2 ** 32 + 1;
const R2 = S * 2 ** 32 + 2;
const packed = (...triples: number[]): unknown[] => [triples];

/** Runs `execute` for each tuple, then ends the step (when the acker sends its verdicts). */
function step(bolt: AckerBolt, ...tuples: TupleImpl[]): void {
  for (const tuple of tuples) bolt.execute(tuple);
  bolt[END_STEP]();
}

describe('acker bolt', () => {
  it('acker - a tree whose edges are all acked is reported complete to its spout task, once, at the end of the step', () => {
    const { bolt, sent } = acker();
    step(bolt, t(INIT, packed(R1, 0x11, 0x22)));
    bolt.execute(t(ACK, packed(R1, 0x11 ^ 0x33, 0x22 ^ 0x44))); // first tuple acked, one child made
    assert.deepEqual(sent, []);
    bolt.execute(t(ACK, packed(R1, 0x33, 0x44))); // the child acked
    assert.deepEqual(sent, [], 'verdicts wait for the end of the step');
    step(bolt);
    assert.deepEqual(sent, [[S, ACK_RESULT_STREAM, [[R1, ACK_COMPLETE]]]]);
    assert.equal(bolt.pending, 0);
    assert.equal(bolt[END_STEP](), false, 'nothing more to send');
  });

  it('acker - reports of several roots in one batch; verdicts of one step go out as one tuple per spout task', () => {
    const { bolt, sent } = acker();
    const other = 8 * 2 ** 32 + 1;
    step(
      bolt,
      t(INIT, packed(R1, 1, 1, R2, 2, 2, other, 3, 3)),
      t(ACK, packed(R1, 1, 1, other, 3, 3, R2, 2, 2)),
    );
    assert.deepEqual(sent, [
      [S, ACK_RESULT_STREAM, [[R1, ACK_COMPLETE, R2, ACK_COMPLETE]]],
      [8, ACK_RESULT_STREAM, [[other, ACK_COMPLETE]]],
    ]);
  });

  it('acker - a fail anywhere fails the root', () => {
    const { bolt, sent } = acker();
    step(bolt, t(INIT, packed(R2, 1, 1)), t(FAIL, [R2]));
    assert.deepEqual(sent, [[S, ACK_RESULT_STREAM, [[R2, ACK_FAILED]]]]);
  });

  it('acker - a root unheard of for three ticks is dropped; a reset keeps it and is passed to its spout task', () => {
    const { bolt, sent } = acker();
    step(bolt, t(INIT, packed(R1, 1, 1, R2, 1, 1)), tick(), tick());
    step(bolt, t(RESET, [R2]));
    assert.deepEqual(
      sent,
      [[S, ACK_RESULT_STREAM, [[R2, ACK_RESET]]]],
      'the spout task is told of the reset',
    );
    step(bolt, tick());
    assert.equal(bolt.pending, 1, 'root 1 expired, root 2 kept by its reset');
    step(bolt, t(ACK, packed(R1, 1, 1))); // too late: root 1 is gone (a new, orphan entry)
    step(bolt, t(ACK, packed(R2, 1, 1)));
    assert.deepEqual(sent.slice(1), [[S, ACK_RESULT_STREAM, [[R2, ACK_COMPLETE]]]]);
  });

  it('acker - malformed input is reported, not thrown, and decides nothing', () => {
    const { bolt, sent, errors } = acker();
    step(
      bolt,
      t(INIT, ['not packed']),
      t(INIT, packed(R1, 1)),
      t(INIT, packed(-1, 1, 1)),
      t(ACK, packed(R1, 2 ** 40, 1)),
      t(FAIL, ['x']),
      t(schema('__other', ['packed']), [[]]),
    );
    assert.equal(errors.length, 6);
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
    assert.deepEqual(streams, [[ACK_RESULT_STREAM, ['packed'], { direct: true }]]);
  });
});
