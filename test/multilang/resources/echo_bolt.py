"""Echo bolt (Bolt): emits each input's values unchanged, anchored to it, on the default stream, then
acks it. For the pipelined non-ASCII/newline test and for tick delivery.

Conf keys: none. Tick tuples (task -1, stream "__tick", ref §5.1) are acked, and when this component
declares a stream "ticks" (the setup context's "streams", ref §4) it also emits ["tick"] on "ticks",
unanchored. Heartbeats are answered with sync by the library.
"""

import gale_storm as storm


class EchoBolt(storm.Bolt):
    def initialize(self, conf, context):
        self.tick_stream = "ticks" if "ticks" in (context.get("streams") or []) else None

    def process(self, tup):
        if tup.is_tick():
            if self.tick_stream is not None:
                storm.emit(["tick"], stream=self.tick_stream)
        else:
            storm.emit(tup.values, anchors=[tup])
        storm.ack(tup)


EchoBolt().run()
