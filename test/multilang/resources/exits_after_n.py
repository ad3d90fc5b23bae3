"""Failure case: the bolt process exits (ref §9 "the subprocess exits"). Bolt that echoes and acks
N tuples (emit anchored, then ack), then exits with status 3 right after the N-th ack, without
reading anything more. The host should see EOF and report the exit code and this script's stderr.

Conf keys:
- "gale.test.exit_after" (int, optional, default 1): N. With 0 the process exits right after the
  handshake, before any tuple.
"""

import sys

import gale_storm as storm


def exit_now(n):
    sys.stderr.write("exits_after_n: processed %d tuple(s), exiting with status 3\n" % n)
    sys.stderr.flush()
    sys.exit(3)


class ExitsAfterN(storm.Bolt):
    def initialize(self, conf, context):
        self.limit = conf.get("gale.test.exit_after", 1)
        self.count = 0
        if self.limit == 0:
            exit_now(0)

    def process(self, tup):
        storm.emit(tup.values, anchors=[tup])
        storm.ack(tup)
        self.count += 1
        if self.count >= self.limit:
            exit_now(self.count)


ExitsAfterN().run()
