"""Failure case: ack of an id the host does not hold (ref §9: Storm's bolt dies with "Acked a
non-existent or already acked/failed id"). Bolt that, on its first real tuple, sends a bad ack.

Conf keys:
- "gale.test.ack_kind" (string, optional, default "unknown"): which bad ack to send:
  - "unknown": ack "gale-test-never-sent", an id the host never sent;
  - "twice": ack the tuple, then ack it again;
  - "number": ack the tuple's id written as a JSON number, not a string (ids are strings, ref §5.1);
  - "heartbeat": ack the id of the first heartbeat tuple instead of answering sync (and ack real
    tuples normally).
"""

import sys

import gale_storm as storm


def say(what):
    sys.stderr.write("acks_unknown_id: %s\n" % what)
    sys.stderr.flush()


class AcksUnknownId(storm.Bolt):
    def initialize(self, conf, context):
        self.kind = conf.get("gale.test.ack_kind", "unknown")
        self.done = False

    def heartbeat(self, tup):
        if self.kind == "heartbeat" and not self.done:
            self.done = True
            say("acking heartbeat id %s" % tup.id)
            storm.ack(tup)
        else:
            storm.sync()

    def process(self, tup):
        if self.done or self.kind == "heartbeat":
            storm.ack(tup)
            return
        self.done = True
        if self.kind == "twice":
            say("acking tuple %s twice" % tup.id)
            storm.ack(tup)
            storm.ack(tup)
        elif self.kind == "number":
            say("acking tuple %s with its id as a number" % tup.id)
            storm.ack(int(tup.id))
        else:
            say("acking id gale-test-never-sent, which the host never sent (tuple %s)" % tup.id)
            storm.ack("gale-test-never-sent")


AcksUnknownId().run()
