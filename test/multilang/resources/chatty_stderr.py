"""Failure case: a lot of stderr (ref §1, §9: Storm drains stderr only after its own writes, so a
chatty process can fill the pipe and block). Bolt that writes many stderr lines right after the
handshake, before any input, and again for every tuple; otherwise it echoes (anchored) and acks.
A host that keeps draining stderr sees every tuple processed; one that does not sees it block.

Conf keys:
- "gale.test.stderr_lines" (int, optional, default 2000): lines written at start-up and per tuple
  (about 60 bytes each; 2000 lines is ~120 KB, more than a 64 KB pipe buffer).
"""

import sys

import gale_storm as storm


def chatter(n, what):
    for i in range(n):
        sys.stderr.write("chatty_stderr: line %d of %d %s\n" % (i + 1, n, what))
    sys.stderr.flush()


class ChattyStderr(storm.Bolt):
    def initialize(self, conf, context):
        self.lines = conf.get("gale.test.stderr_lines", 2000)
        sys.stderr.write("chatty_stderr: writing %d stderr lines now and per tuple\n" % self.lines)
        chatter(self.lines, "at start-up")

    def process(self, tup):
        chatter(self.lines, "for tuple %s" % tup.id)
        storm.emit(tup.values, anchors=[tup])
        storm.ack(tup)


ChattyStderr().run()
