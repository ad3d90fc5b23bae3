"""Failure case: stray stdout output before the pid message (ref §3, §9). Prints a plain line to
stdout at start-up, as a forgotten debug print would, then runs like echo_bolt.py (echo anchored,
ack). The stray line becomes part of the first message, so the handshake must fail (invalid JSON).

Conf keys: none.
"""

import sys

import gale_storm as storm

sys.stderr.write("stdout_before_pid: printing a stray line to stdout before the handshake\n")
sys.stderr.flush()
sys.stdout.write("debug: stdout_before_pid starting\n")
sys.stdout.flush()


class Echo(storm.Bolt):
    def process(self, tup):
        storm.emit(tup.values, anchors=[tup])
        storm.ack(tup)


Echo().run()
