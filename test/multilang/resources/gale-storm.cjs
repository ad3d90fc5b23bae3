// A minimal multilang client for Gale's tests (Node, CommonJS, no dependencies).
//
// Written from /work/shared/reference/multilang-protocol.md (cited below as "ref §N"), not copied from
// Storm's storm.js. It behaves like storm.js where the tests care:
// - framing (ref §3): stdin is read as UTF-8 text into a buffer that is split on the exact string
//   "\nend\n"; each message is written as JSON.stringify(msg) + "\nend\n" (non-ASCII left raw);
// - handshake (ref §4): the setup message goes to initialize(conf, context, done); done() creates
//   <pidDir>/<pid> and *then* sends {"pid": <pid>} (storm.js's order, the reverse of storm.py's).
//   Do not emit before calling done: the host reads the first message as the pid;
// - asynchronous (ref §5.3, §6.4): emit() does not wait for the task-id list. Each non-direct emit
//   queues its onTaskIds callback, and task-id lists are matched to the callbacks in FIFO order (the
//   host answers emits in order, ref §5.1). A heartbeat is answered at once, even while earlier
//   tuples are still being processed (ref §7);
// - EOF on stdin (the host closed it) exits 0 silently, like storm.js (ref §8).
//
// Usage: const { BasicBolt, Spout } = require('./gale-storm.cjs'); subclass, then `new X().run()`.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS on purpose: scripts require() it, as Storm's do storm.js (ref §1) */

const fs = require('node:fs');
const path = require('node:path');

class Tuple {
  constructor(id, component, stream, task, values) {
    this.id = id; // the host's string id (ref §5.1)
    this.component = component; // null for heartbeats
    this.stream = stream;
    this.task = task;
    this.values = values;
  }

  isTick() {
    return this.task === -1 && this.stream === '__tick';
  }

  isHeartbeat() {
    return this.task === -1 && this.stream === '__heartbeat';
  }
}

const idOf = (tupleOrId) => (tupleOrId instanceof Tuple ? tupleOrId.id : tupleOrId);

/** What bolts and spouts share: framing, handshake, and the commands any component may send. */
class Component {
  constructor() {
    this.buffer = '';
    this.setupDone = false;
    /** onTaskIds callbacks of emits whose task-id list has not arrived yet, oldest first. */
    this.taskIdCallbacks = [];
  }

  run() {
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (chunk) => this.onChunk(chunk));
    process.stdin.on('end', () => process.exit(0));
  }

  onChunk(chunk) {
    this.buffer += chunk;
    // "\nend\n" cannot occur inside compact JSON: a string's newlines are escaped (ref §3).
    const parts = this.buffer.split('\nend\n');
    this.buffer = parts.pop(); // the incomplete tail, '' when the chunk ended a message
    for (const text of parts) this.onMessage(JSON.parse(text));
  }

  onMessage(msg) {
    if (!this.setupDone) {
      this.setupDone = true;
      this.initialize(msg.conf, msg.context, () => this.sendPid(msg.pidDir));
    } else if (Array.isArray(msg)) {
      const callback = this.taskIdCallbacks.shift();
      if (callback === undefined) throw new Error(`task ids ${JSON.stringify(msg)} with no emit waiting`);
      callback(msg);
    } else {
      this.onCommand(msg);
    }
  }

  sendPid(pidDir) {
    fs.writeFileSync(path.join(pidDir, String(process.pid)), '');
    this.sendMsg({ pid: process.pid });
  }

  /** Override: called with the setup message's conf and context; call done() to finish the handshake. */
  initialize(_conf, _context, done) {
    done();
  }

  sendMsg(msg) {
    // Writes to a pipe are synchronous on Linux, so a later process.exit() loses nothing.
    process.stdout.write(JSON.stringify(msg) + '\nend\n');
  }

  /**
   * Emits. `options`: tuple (array, required), stream, anchors (input tuples or ids: bolts), id
   * (message id: spouts), task (a direct emit: no task-id reply, ref §5.2), needTaskIds (false sends
   * "need_task_ids": false and expects no reply). `onTaskIds(taskIds)` is optional; every emit that
   * expects a reply takes a place in the FIFO whether or not it gives one.
   */
  emit(options, onTaskIds) {
    const msg = { command: 'emit', tuple: options.tuple };
    if (options.stream !== undefined) msg.stream = options.stream;
    if (options.anchors !== undefined) msg.anchors = options.anchors.map(idOf);
    if (options.id !== undefined) msg.id = options.id;
    if (options.task !== undefined) msg.task = options.task;
    if (options.needTaskIds === false) msg.need_task_ids = false;
    const direct = options.task !== undefined && options.task !== 0; // task 0 means "not direct" (ref §9)
    if (!direct && options.needTaskIds !== false) this.taskIdCallbacks.push(onTaskIds ?? (() => {}));
    this.sendMsg(msg);
  }

  /** A direct emit to `task`; no task-id reply comes back (ref §5.2). */
  emitDirect(task, options) {
    this.emit({ ...options, task });
  }

  /** `level`: 0..4 = TRACE, DEBUG, INFO, WARN, ERROR; left out means INFO (ref §5.2). */
  log(msg, level) {
    this.sendMsg(level === undefined ? { command: 'log', msg } : { command: 'log', msg, level });
  }

  reportError(msg) {
    this.sendMsg({ command: 'error', msg });
  }

  sync() {
    this.sendMsg({ command: 'sync' });
  }

  rpcMetrics(name, params = null) {
    this.sendMsg({ command: 'metrics', name, params });
  }
}

/**
 * A bolt: process(tuple, done) per tuple; done() acks it, done(err) fails it. Emits are not
 * anchored for you (several tuples may be in flight): pass `anchors: [tuple]`.
 */
class BasicBolt extends Component {
  onCommand(msg) {
    const tuple = new Tuple(msg.id, msg.comp, msg.stream, msg.task, msg.tuple);
    // Heartbeat ids are not inputs: answer with sync, never ack (ref §5.1, §9).
    if (tuple.isHeartbeat()) return this.sync();
    this.process(tuple, (err) => (err ? this.fail(tuple) : this.ack(tuple)));
  }

  /** Override. */
  process(_tuple, done) {
    done();
  }

  ack(tupleOrId) {
    this.sendMsg({ command: 'ack', id: idOf(tupleOrId) });
  }

  fail(tupleOrId) {
    this.sendMsg({ command: 'fail', id: idOf(tupleOrId) });
  }
}

/**
 * A spout (ref §6): each command calls its handler with a done callback, and done() sends sync. The
 * host waits for that sync before its next command. ack(id, done) and fail(id, done) get the message
 * id exactly as emitted (a number stays a number, ref §6.1).
 */
class Spout extends Component {
  onCommand(msg) {
    const done = () => this.sync();
    switch (msg.command) {
      case 'next':
        return this.nextTuple(done);
      case 'ack':
        return this.ack(msg.id, done);
      case 'fail':
        return this.fail(msg.id, done);
      case 'activate':
        return this.activate(done);
      case 'deactivate':
        return this.deactivate(done);
      default:
        return done();
    }
  }

  // Override these.
  nextTuple(done) {
    done();
  }

  ack(_id, done) {
    done();
  }

  fail(_id, done) {
    done();
  }

  activate(done) {
    done();
  }

  deactivate(done) {
    done();
  }
}

module.exports = { Tuple, Component, BasicBolt, Spout };
