"""Direct-emit bolt (Bolt): emits each input's values with a direct emit to one task, anchored to the
input, then acks it. A direct emit gets no task-id reply (ref §5.2); the script does not wait for one.

Conf keys:
- "gale.test.direct_task" (int, required): the target task id.
- "gale.test.direct_stream" (string, optional): the stream to emit on; default: the default stream.
"""

import gale_storm as storm


class DirectBolt(storm.Bolt):
    def initialize(self, conf, context):
        self.task = conf["gale.test.direct_task"]
        self.stream = conf.get("gale.test.direct_stream")

    def process(self, tup):
        storm.emit_direct(self.task, tup.values, stream=self.stream, anchors=[tup])
        storm.ack(tup)


DirectBolt().run()
