"""Failure case: an unknown command from a spout (ref §6.2: a spout may only send emit, log, error,
metrics and sync; anything else, ack included, kills Storm's worker). Spout that answers every
`next` with {"command": "ack", "id": "gale-test-spout-ack"} (then the library's sync).

Conf keys: none.
"""

import sys

import gale_storm as storm


class SpoutSendsAck(storm.Spout):
    def next_tuple(self):
        sys.stderr.write("spout_sends_ack: answering next with an ack command\n")
        sys.stderr.flush()
        storm.ack("gale-test-spout-ack")


SpoutSendsAck().run()
