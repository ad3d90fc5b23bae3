"""Failure case: heartbeat timeout (ref §7). Bolt that answers heartbeats until its first real tuple
arrives, then stops reading stdin and never writes again (no ack, no sync), sleeping until killed.
The host should time it out after the subprocess timeout and kill it (it dies on SIGTERM).

Conf keys: none.
"""

import sys
import time

import gale_storm as storm


class Hangs(storm.Bolt):
    def process(self, tup):
        sys.stderr.write("hangs: got tuple %s; will stop reading stdin and never answer again\n" % tup.id)
        sys.stderr.flush()
        while True:
            time.sleep(3600)


Hangs().run()
