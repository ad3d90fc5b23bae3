"""Failure case: a spout process that exits in the middle of a command exchange (ref §6.2, §9). Spout
that emits N reliable tuples, one per `next` (values ["tuple <i>"], message id "m<i>"), and on the
next `next` exits with status 3 without sending sync. The host sees EOF while waiting for sync.

Conf keys:
- "gale.test.exit_after" (int, optional, default 0): N, the tuples emitted before exiting.
"""

import sys

import gale_storm as storm


class SpoutExits(storm.Spout):
    def initialize(self, conf, context):
        self.limit = conf.get("gale.test.exit_after", 0)
        self.count = 0

    def next_tuple(self):
        if self.count >= self.limit:
            sys.stderr.write(
                "spout_exits: emitted %d tuple(s); exiting with status 3 inside next\n" % self.count
            )
            sys.stderr.flush()
            sys.exit(3)
        storm.emit(["tuple %d" % self.count], id="m%d" % self.count)
        self.count += 1


SpoutExits().run()
