"""Failure case: an emit anchored to a tuple that is no longer pending (ref §9: Storm's bolt dies
with "Anchored onto <id> after ack/fail"). Bolt that, for each tuple, finishes it and then emits its
values anchored to it (and waits for the task-id reply, as any non-direct emit does).

Conf keys:
- "gale.test.anchor_kind" (string, optional, default "acked"):
  - "acked": ack the tuple, then emit anchored to it;
  - "failed": fail the tuple, then emit anchored to it;
  - "unknown": ack the tuple, then emit anchored to "gale-test-never-sent".
"""

import sys

import gale_storm as storm


class AnchorsFinished(storm.Bolt):
    def initialize(self, conf, context):
        self.kind = conf.get("gale.test.anchor_kind", "acked")

    def process(self, tup):
        anchor = "gale-test-never-sent" if self.kind == "unknown" else tup.id
        sys.stderr.write(
            "anchors_finished: %s tuple %s, then emitting anchored to %s\n"
            % ("failing" if self.kind == "failed" else "acking", tup.id, anchor)
        )
        sys.stderr.flush()
        if self.kind == "failed":
            storm.fail(tup)
        else:
            storm.ack(tup)
        storm.emit(tup.values, anchors=[anchor])


AnchorsFinished().run()
