// The word count's split bolt in Node (gale-storm.cjs BasicBolt): one [word] per piece of the
// sentence split on single spaces (as split_sentence.py does), anchored to the sentence, which is
// then acked. The emits do not wait for their task-id lists (needTaskIds false), as a Node bolt that
// does not use them would send them.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS on purpose, like gale-storm.cjs */

const { BasicBolt } = require('./gale-storm.cjs');

class SplitSentence extends BasicBolt {
  process(tuple, done) {
    for (const word of tuple.values[0].split(' '))
      this.emit({ tuple: [word], anchors: [tuple], needTaskIds: false });
    done();
  }
}

new SplitSentence().run();
