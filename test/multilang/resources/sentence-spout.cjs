// Sentence spout of the word-count tests (Node, gale-storm.cjs Spout).
//
// Conf keys:
// - "gale.test.sentences" (list of strings, required): the sentences, emitted once each, in order, as
//   [sentence] on the default stream with message id = the sentence's index (a number: it must come
//   back as a number in ack/fail, ref §6.1).
// - "gale.test.idle_sleep_ms" (number, optional, default 0): how long to wait before the sync of a
//   `next` that has nothing to emit (ref §6.3: a spout with nothing to do should sleep a little).
//
// One emit per `next`. A failed id is emitted again (same sentence, same id) on a later `next`, before
// any new sentence. Each ack is logged as "acked <id>" and each fail as "failed <id>" (log command,
// INFO). When everything has been emitted and nothing waits to be emitted again, `next` just syncs.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS on purpose, like gale-storm.cjs */

const { Spout } = require('./gale-storm.cjs');

class SentenceSpout extends Spout {
  initialize(conf, _context, done) {
    this.sentences = conf['gale.test.sentences'];
    if (!Array.isArray(this.sentences)) throw new Error('conf "gale.test.sentences" must be a list');
    this.idleSleepMs = conf['gale.test.idle_sleep_ms'] ?? 0;
    this.nextIndex = 0;
    this.retry = []; // failed ids waiting to be emitted again
    done();
  }

  nextTuple(done) {
    const id =
      this.retry.length > 0
        ? this.retry.shift()
        : this.nextIndex < this.sentences.length
          ? this.nextIndex++
          : null;
    if (id === null) {
      if (this.idleSleepMs > 0) setTimeout(done, this.idleSleepMs);
      else done();
      return;
    }
    this.emit({ tuple: [this.sentences[id]], id });
    done();
  }

  ack(id, done) {
    this.log(`acked ${id}`);
    done();
  }

  fail(id, done) {
    this.log(`failed ${id}`);
    this.retry.push(id);
    done();
  }
}

new SentenceSpout().run();
