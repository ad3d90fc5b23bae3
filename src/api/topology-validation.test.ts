import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BaseBasicBolt, BaseBolt } from './bolt.js';
import type { ComponentConfigInput, TopologyConfigInput } from './config.js';
import { GaleError, TopologyValidationError, type Problem } from './errors.js';
import type { RangeKey } from './grouping.js';
import type { OutputFieldsDeclarer } from './output-fields-declarer.js';
import { BaseSpout } from './spout.js';
import { TopologyBuilder } from './topology-builder.js';

/** Stream id to field names; a `!` suffix on the stream id makes it direct. */
type Outputs = Readonly<Record<string, readonly string[]>>;

function declareAll(d: OutputFieldsDeclarer, outputs: Outputs): void {
  for (const [id, fields] of Object.entries(outputs)) {
    if (id.endsWith('!')) d.declareStream(id.slice(0, -1), fields, { direct: true });
    else d.declareStream(id, fields);
  }
}

class TestSpout extends BaseSpout {
  constructor(private readonly outputs: Outputs = { default: ['word', 'n'] }) {
    super();
  }
  nextTuple(): void {}
  declareOutputFields(d: OutputFieldsDeclarer): void {
    declareAll(d, this.outputs);
  }
}

class TestBolt extends BaseBolt {
  constructor(private readonly outputs: Outputs = { default: ['word', 'count'] }) {
    super();
  }
  execute(): void {}
  override declareOutputFields(d: OutputFieldsDeclarer): void {
    declareAll(d, this.outputs);
  }
}

class TestBasicBolt extends BaseBasicBolt {
  execute(): void {}
}

/** Builds with `declare`, expects a TopologyValidationError and returns its problems. */
function problemsOf(declare: (b: TopologyBuilder) => void, config?: TopologyConfigInput): readonly Problem[] {
  const b = new TopologyBuilder();
  declare(b);
  try {
    b.createTopology(config);
  } catch (err) {
    assert.ok(
      err instanceof TopologyValidationError,
      `expected a TopologyValidationError, got ${String(err)}`,
    );
    assert.ok(err instanceof GaleError);
    assert.equal(err.code, 'TOPOLOGY_INVALID');
    // The message lists every problem with its path.
    for (const p of err.problems) assert.ok(err.message.includes(`${p.path}: ${p.message}`));
    return err.problems;
  }
  assert.fail('createTopology accepted an invalid topology');
}

function show(problems: readonly Problem[]): string {
  return problems.map((p) => `${p.path}: ${p.message}`).join('\n');
}

/** Asserts that exactly one problem has `path` and a message matching `message`. */
function assertProblem(problems: readonly Problem[], path: string, message: RegExp): void {
  const hits = problems.filter((p) => p.path === path && message.test(p.message));
  assert.equal(hits.length, 1, `want one problem '${path}: ${String(message)}' in:\n${show(problems)}`);
}

/** Asserts the only problem is `path` / `message`. */
function assertOnly(problems: readonly Problem[], path: string, message: RegExp): void {
  assert.equal(problems.length, 1, `want exactly one problem, got:\n${show(problems)}`);
  assertProblem(problems, path, message);
}

/** A spout `s` with fields [word, n] on the default stream. */
function withSpout(b: TopologyBuilder, outputs?: Outputs): void {
  b.setSpout('s', () => new TestSpout(outputs));
}

describe('topology validation - graph', () => {
  it('validation - a subscription to an unknown component', () => {
    const problems = problemsOf((b) => {
      withSpout(b);
      b.setBolt('count', () => new TestBolt()).shuffleGrouping('ghost');
    });
    assertOnly(problems, 'count <- ghost.default', /unknown component 'ghost'/);
  });

  it('validation - a subscription to an unknown stream names the streams there are', () => {
    const problems = problemsOf((b) => {
      withSpout(b, { default: ['word'], errors: ['line'] });
      b.setBolt('count', () => new TestBolt()).shuffleGrouping('s', 'nope');
    });
    assertOnly(problems, 'count <- s.nope', /unknown stream 'nope' of 's'.*'default', 'errors'/);
  });

  it('validation - a fields grouping on an undeclared field names it and the stream fields', () => {
    const problems = problemsOf((b) => {
      withSpout(b);
      b.setBolt('count', () => new TestBolt()).fieldsGrouping('s', ['word', 'nope', 'zip']);
    });
    assertOnly(
      problems,
      'count <- s.default',
      /undeclared fields 'nope', 'zip' \(the stream has \[word, n\]\)/,
    );
  });

  it('validation - a partial key grouping on an undeclared field, and with no fields', () => {
    const problems = problemsOf((b) => {
      withSpout(b, { default: ['word'], other: ['word'] });
      b.setBolt('a', () => new TestBolt()).partialKeyGrouping('s', ['nope']);
      b.setBolt('c', () => new TestBolt()).partialKeyGrouping('s', 'other', []);
    });
    assertProblem(problems, 'a <- s.default', /partialKey grouping on undeclared field 'nope'/);
    assertProblem(problems, 'c <- s.other', /at least one field/);
    assert.equal(problems.length, 2, show(problems));
  });

  it('validation - a grouping given something other than field names or a factory', () => {
    const problems = problemsOf((b) => {
      withSpout(b, { default: ['word'], other: ['word'] });
      b.setBolt('f', () => new TestBolt()).fieldsGrouping('s', 42 as unknown as string[]);
      b.setBolt('c', () => new TestBolt()).customGrouping('s', 'other', 'x' as unknown as () => never);
    });
    assertProblem(problems, 'f <- s.default', /fields grouping: expected a list of field names, got 42/);
    assertProblem(problems, 'c <- s.other', /custom grouping: expected a factory function.*got "x"/);
    assert.equal(problems.length, 2, show(problems));
  });

  it('validation - a cycle is reported once with its path', () => {
    const problems = problemsOf((b) => {
      withSpout(b);
      b.setBolt('a', () => new TestBolt())
        .shuffleGrouping('s')
        .shuffleGrouping('c');
      b.setBolt('b', () => new TestBolt()).shuffleGrouping('a');
      b.setBolt('c', () => new TestBolt()).shuffleGrouping('b');
      b.setBolt('sink', () => new TestBolt()).shuffleGrouping('c');
    });
    assert.equal(problems.length, 1, show(problems));
    const [p] = problems;
    assert.match(p!.message, /^cycle: /);
    // The three members, each once, in flow order, closing the loop.
    const members = p!.message.replace(/^cycle: /, '').split(' -> ');
    assert.equal(members.length, 4);
    assert.equal(members[0], members[3]);
    assert.deepEqual([...members.slice(0, 3)].sort(), ['a', 'b', 'c']);
    assert.ok(members.includes(p!.path));
  });

  it('validation - a self-loop is a cycle', () => {
    const problems = problemsOf((b) => {
      withSpout(b);
      b.setBolt('loop', () => new TestBolt())
        .shuffleGrouping('s')
        .shuffleGrouping('loop');
    });
    assertOnly(problems, 'loop', /cycle: loop -> loop/);
  });

  it('validation - a direct grouping on a stream that is not direct', () => {
    const problems = problemsOf((b) => {
      withSpout(b);
      b.setBolt('count', () => new TestBolt()).directGrouping('s');
    });
    assertOnly(
      problems,
      'count <- s.default',
      /direct grouping on 's.default', which is not a direct stream/,
    );
  });

  it('validation - a non-direct grouping on a direct stream', () => {
    const problems = problemsOf((b) => {
      withSpout(b, { 'jobs!': ['job'] });
      b.setBolt('ok', () => new TestBolt()).directGrouping('s', 'jobs');
      b.setBolt('bad', () => new TestBolt()).shuffleGrouping('s', 'jobs');
      b.setBolt('bad2', () => new TestBolt()).fieldsGrouping('s', 'jobs', ['job']);
    });
    assertProblem(problems, 'bad <- s.jobs', /'s.jobs' is a direct stream; only a direct grouping/);
    assertProblem(problems, 'bad2 <- s.jobs', /'s.jobs' is a direct stream/);
    assert.equal(problems.length, 2, show(problems));
  });

  it('validation - a bolt with no inputs', () => {
    const problems = problemsOf((b) => {
      withSpout(b);
      b.setBolt('lonely', () => new TestBolt());
    });
    assertOnly(problems, 'lonely', /no inputs/);
  });

  it('validation - subscribing twice to the same stream, whatever the groupings', () => {
    const problems = problemsOf((b) => {
      withSpout(b, { default: ['word'], other: ['word'] });
      b.setBolt('count', () => new TestBolt())
        .shuffleGrouping('s')
        .fieldsGrouping('s', ['word'])
        .shuffleGrouping('s', 'other');
    });
    assertOnly(problems, 'count <- s.default', /subscribed twice/);
  });

  it('validation - no spout, and no components at all', () => {
    assertOnly(
      problemsOf(() => {}),
      'topology',
      /no components/,
    );
    const problems = problemsOf((b) => {
      b.setBolt('a', () => new TestBolt()).shuffleGrouping('b');
      b.setBolt('b', () => new TestBolt()).shuffleGrouping('a');
    });
    assertProblem(problems, 'topology', /no spout/);
  });
});

describe('topology validation - components', () => {
  it('validation - parallelism below 1 or not an integer', () => {
    const problems = problemsOf((b) => {
      b.setSpout('zero', () => new TestSpout(), 0);
      b.setSpout('negative', () => new TestSpout(), -2);
      b.setBolt('half', () => new TestBolt(), 1.5).shuffleGrouping('zero');
      b.setBolt('nan', () => new TestBolt(), NaN).shuffleGrouping('zero');
      b.setBolt('inf', () => new TestBolt(), Infinity).shuffleGrouping('zero');
    });
    assertProblem(problems, 'zero', /parallelism must be an integer >= 1, got 0/);
    assertProblem(problems, 'negative', /parallelism must be an integer >= 1, got -2/);
    assertProblem(problems, 'half', /parallelism must be an integer >= 1, got 1\.5/);
    assertProblem(problems, 'nan', /parallelism must be an integer >= 1/);
    assertProblem(problems, 'inf', /parallelism must be an integer >= 1/);
    assert.equal(problems.length, 5, show(problems));
  });

  it('validation - numTasks below the parallelism, below 1 or not an integer', () => {
    const problems = problemsOf((b) => {
      b.setSpout('s', () => new TestSpout(), 4).setNumTasks(2);
      b.setBolt('zero', () => new TestBolt())
        .shuffleGrouping('s')
        .setNumTasks(0);
      b.setBolt('frac', () => new TestBolt())
        .shuffleGrouping('s')
        .setNumTasks(2.5);
    });
    assertProblem(problems, 's', /numTasks \(2\) is less than the parallelism \(4\)/);
    assertProblem(problems, 'zero', /numTasks must be an integer >= 1, got 0/);
    assertProblem(problems, 'frac', /numTasks must be an integer >= 1, got 2\.5/);
    assert.equal(problems.length, 3, show(problems));
  });

  it('validation - duplicate component ids', () => {
    const problems = problemsOf((b) => {
      withSpout(b);
      b.setBolt('s', () => new TestBolt()).shuffleGrouping('s');
      b.setBolt('x', () => new TestBolt()).shuffleGrouping('s');
      b.setBolt('x', () => new TestBolt()).shuffleGrouping('s');
    });
    assertProblem(problems, 's', /duplicate component id \(declared as a spout and again as a bolt\)/);
    assertProblem(problems, 'x', /duplicate component id \(declared as a bolt and again as a bolt\)/);
    assert.equal(problems.length, 2, show(problems));
  });

  it("validation - '__' component ids and stream ids are reserved", () => {
    const problems = problemsOf((b) => {
      withSpout(b, { default: ['word'], __mine: ['x'] });
      b.setBolt('__acker', () => new TestBolt()).shuffleGrouping('s');
    });
    assertProblem(problems, '__acker', /reserved/);
    assertProblem(problems, 's.__mine', /reserved/);
    assert.equal(problems.length, 2, show(problems));
  });

  it('validation - empty component and stream ids', () => {
    const problems = problemsOf((b) => {
      withSpout(b, { default: ['word'], '': ['x'] });
      b.setBolt('', () => new TestBolt()).shuffleGrouping('s');
      b.setBolt('count', () => new TestBolt()).shuffleGrouping('s', '');
    });
    assertProblem(problems, '""', /component ids must be non-empty strings/);
    assertProblem(problems, 's', /stream ids must be non-empty strings/);
    assertProblem(problems, 'count <- s.', /stream ids must be non-empty strings/);
  });

  it('validation - bad output declarations: a stream declared twice, bad field names', () => {
    class Twice extends BaseSpout {
      nextTuple(): void {}
      declareOutputFields(d: OutputFieldsDeclarer): void {
        d.declareStream('default', ['a']);
        d.declareStream('default', ['b']);
        d.declareStream('dup', ['x', 'x']);
      }
    }
    const problems = problemsOf((b) => b.setSpout('t', () => new Twice()));
    assertProblem(problems, 't.default', /stream declared twice/);
    assertProblem(problems, 't.dup', /bad fields: duplicate field name 'x'/);
    assert.equal(problems.length, 2, show(problems));
  });

  it('validation - a factory that throws, returns a non-component, or is not a function', () => {
    const problems = problemsOf((b) => {
      withSpout(b);
      b.setSpout('throws', () => {
        throw new Error('no database');
      });
      // Deliberately wrong shapes, as JavaScript users could pass them.
      b.setSpout('notSpout', (() => new TestBolt()) as unknown as () => TestSpout);
      b.setSpout('plain', (() => ({})) as unknown as () => TestSpout);
      b.setBolt('notBolt', (() => new TestSpout()) as unknown as () => TestBolt).shuffleGrouping('s');
      b.setBolt('notFn', 'bolt' as unknown as () => TestBolt).shuffleGrouping('s');
    });
    assertProblem(problems, 'throws', /the factory threw: no database/);
    assertProblem(problems, 'notSpout', /must return a spout.*no open, nextTuple/);
    assertProblem(problems, 'plain', /must return a spout.*no open, nextTuple, declareOutputFields/);
    assertProblem(problems, 'notBolt', /must return a bolt.*no execute, prepare/);
    assertProblem(problems, 'notFn', /the factory must be a function/);
    assert.equal(problems.length, 5, show(problems));
  });

  it('validation - declareOutputFields that throws, and its subscribers are not blamed', () => {
    class Broken extends BaseSpout {
      nextTuple(): void {}
      declareOutputFields(): void {
        throw new TypeError('oops');
      }
    }
    const problems = problemsOf((b) => {
      b.setSpout('broken', () => new Broken());
      b.setBolt('count', () => new TestBolt()).fieldsGrouping('broken', ['word']);
    });
    assertOnly(problems, 'broken', /declareOutputFields threw: oops/);
  });
});

describe('topology validation - range grouping', () => {
  function rangeProblems(boundaries: unknown, parallelism = 3, field: unknown = 'n'): readonly Problem[] {
    return problemsOf((b) => {
      withSpout(b);
      b.setBolt('r', () => new TestBolt(), parallelism).rangeGrouping(
        's',
        field as string,
        boundaries as readonly RangeKey[],
      );
    });
  }

  it('validation - range boundaries: one fewer than the tasks', () => {
    assertOnly(rangeProblems([10]), 'r <- s.default', /1 boundary for 3 tasks; give exactly 2/);
    assertOnly(rangeProblems([1, 2, 3]), 'r <- s.default', /3 boundaries for 3 tasks; give exactly 2/);
    assertOnly(rangeProblems([5], 1), 'r <- s.default', /1 boundary for 1 task; give exactly 0/);
  });

  it('validation - range boundaries count against numTasks, not the parallelism', () => {
    const problems = problemsOf((b) => {
      withSpout(b);
      b.setBolt('r', () => new TestBolt(), 2)
        .setNumTasks(4)
        .rangeGrouping('s', 'n', [1, 2]);
    });
    assertOnly(problems, 'r <- s.default', /2 boundaries for 4 tasks; give exactly 3/);
  });

  it('validation - range boundaries must be strictly ascending', () => {
    assertOnly(rangeProblems([20, 10]), 'r <- s.default', /strictly ascending, but 20 >= 10/);
    assertOnly(rangeProblems([10, 10]), 'r <- s.default', /strictly ascending, but 10 >= 10/);
    assertOnly(rangeProblems(['b', 'a']), 'r <- s.default', /strictly ascending, but "b" >= "a"/);
    assertOnly(rangeProblems([2n, 1n]), 'r <- s.default', /strictly ascending, but 2n >= 1n/);
  });

  it('validation - range boundaries of mixed or unsupported types, NaN, or not a list', () => {
    assertOnly(rangeProblems([1, 'b']), 'r <- s.default', /must all be numbers, all strings or all bigints/);
    assertOnly(rangeProblems([1, 2n]), 'r <- s.default', /must all be numbers, all strings or all bigints/);
    assertOnly(
      rangeProblems([true, false]),
      'r <- s.default',
      /must all be numbers, all strings or all bigints/,
    );
    assertOnly(rangeProblems([1, NaN]), 'r <- s.default', /NaN/);
    assertOnly(rangeProblems(5), 'r <- s.default', /boundaries must be a list, got 5/);
  });

  it('validation - range grouping on an undeclared field', () => {
    assertOnly(rangeProblems([1, 2], 3, 'nope'), 'r <- s.default', /undeclared field 'nope'/);
  });
});

describe('topology validation - config', () => {
  const ok = (b: TopologyBuilder): void => {
    withSpout(b);
    b.setBolt('count', () => new TestBolt()).shuffleGrouping('s');
  };

  it('validation - an unknown config key is named with its path', () => {
    const problems = problemsOf(ok, { bogus: 1, receiveQueueCapacity: 8 } as TopologyConfigInput);
    assertOnly(problems, 'topology.bogus', /unknown key/);
  });

  it('validation - wrong types and out-of-range numbers name the key and the value', () => {
    const problems = problemsOf(ok, {
      debug: 'yes',
      receiveQueueCapacity: -1,
      workers: 0,
      stepBudget: 2.5,
      schedulerSliceMs: 0,
      tickTupleFreqSecs: -3,
      maxErrorsPerComponent: -1,
      user: 'x',
    } as unknown as TopologyConfigInput);
    assertProblem(problems, 'topology.debug', /got "yes"/);
    assertProblem(problems, 'topology.receiveQueueCapacity', /got -1/);
    assertProblem(problems, 'topology.workers', /got 0/);
    assertProblem(problems, 'topology.stepBudget', /got 2\.5/);
    assertProblem(problems, 'topology.schedulerSliceMs', /got 0/);
    assertProblem(problems, 'topology.tickTupleFreqSecs', /got -3/);
    assertProblem(problems, 'topology.maxErrorsPerComponent', /got -1/);
    assertProblem(problems, 'topology.user', /got "x"/);
    assert.equal(problems.length, 8, show(problems));
  });

  it('validation - component config problems are named under the component', () => {
    const problems = problemsOf((b) => {
      withSpout(b);
      b.setBolt('count', () => new TestBolt())
        .shuffleGrouping('s')
        .setTickFrequency(-1)
        .addConfiguration({ maxTaskParallelism: 0 })
        .addConfiguration({ workers: 2 } as unknown as ComponentConfigInput);
    });
    assertProblem(problems, 'count.config.tickTupleFreqSecs', /got -1/);
    assertProblem(problems, 'count.config.maxTaskParallelism', /got 0/);
    assertProblem(problems, 'count.config.workers', /unknown key/);
    assert.equal(problems.length, 3, show(problems));
  });
});

describe('topology validation - many problems', () => {
  it('validation - several problems in one topology are all listed at once', () => {
    const problems = problemsOf(
      (b) => {
        withSpout(b);
        b.setSpout('s', () => new TestSpout());
        b.setBolt('a', () => new TestBolt(), 0).shuffleGrouping('ghost');
        b.setBolt('b', () => new TestBolt())
          .fieldsGrouping('s', ['nope'])
          .shuffleGrouping('b');
        b.setBolt('c', () => new TestBasicBolt());
        b.setBolt('d', () => new TestBolt())
          .directGrouping('s')
          .shuffleGrouping('s', 'missing');
      },
      { receiveQueueCapacity: 0 },
    );
    const expected: [string, RegExp][] = [
      ['topology.receiveQueueCapacity', /got 0/],
      ['s', /duplicate component id/],
      ['a', /parallelism/],
      ['a <- ghost.default', /unknown component/],
      ['b <- s.default', /undeclared field 'nope'/],
      ['b', /cycle: b -> b/],
      ['c', /no inputs/],
      ['d <- s.default', /not a direct stream/],
      ['d <- s.missing', /unknown stream 'missing'/],
    ];
    for (const [path, message] of expected) assertProblem(problems, path, message);
    assert.equal(problems.length, expected.length, show(problems));
  });
});
