"""Slow bolt for ShellBolt backpressure (ref §5.1: topology.shellbolt.max.pending bounds the tuples
waiting to be written). BasicBolt that sleeps before each tuple, then emits its values (anchored by
BasicBolt) and acks it. Heartbeats are answered between tuples only, so keep the sleep well under the
subprocess timeout (ref §7).

Conf keys:
- "gale.test.sleep_ms" (number, optional, default 100): the sleep per tuple, in milliseconds.
"""

import time

import gale_storm as storm


class SlowBolt(storm.BasicBolt):
    def initialize(self, conf, context):
        self.sleep_secs = conf.get("gale.test.sleep_ms", 100) / 1000.0

    def process(self, tup):
        time.sleep(self.sleep_secs)
        storm.emit(tup.values)


SlowBolt().run()
