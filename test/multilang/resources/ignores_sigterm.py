"""Failure case: a process that does not stop on SIGTERM (ref §8: the host sends SIGTERM; it must
then SIGKILL after a grace period). Bolt that traps SIGTERM (logs it to stderr and carries on),
echoes (anchored) and acks tuples, and when stdin reaches EOF keeps sleeping instead of exiting.
Only SIGKILL ends it.

Conf keys: none.
"""

import signal
import sys
import time

import gale_storm as storm


def on_sigterm(signum, frame):
    try:
        sys.stderr.write("ignores_sigterm: got SIGTERM, ignoring it\n")
        sys.stderr.flush()
    except OSError:
        pass


signal.signal(signal.SIGTERM, on_sigterm)
sys.stderr.write("ignores_sigterm: will ignore SIGTERM and EOF; only SIGKILL stops me\n")
sys.stderr.flush()


class Echo(storm.Bolt):
    def process(self, tup):
        storm.emit(tup.values, anchors=[tup])
        storm.ack(tup)


Echo().run()
# stdin reached EOF: stay alive anyway.
while True:
    time.sleep(3600)
