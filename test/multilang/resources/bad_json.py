"""Failure case: invalid JSON from the component (ref §9). Bolt that answers every tuple with a message
that is not JSON (a truncated object followed by a proper "end" line), and otherwise keeps running and
reading. The host should report a parse error and kill it.

Conf keys: none.
"""

import sys

import gale_storm as storm


class BadJson(storm.Bolt):
    def process(self, tup):
        sys.stderr.write("bad_json: got tuple %s; writing invalid JSON\n" % tup.id)
        sys.stderr.flush()
        sys.stdout.write('{"command": "emit", "tuple": [1,\nend\n')
        sys.stdout.flush()


BadJson().run()
