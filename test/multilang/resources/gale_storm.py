"""A minimal multilang client for Gale's tests (Python 3, standard library only).

Written from /work/shared/reference/multilang-protocol.md (cited below as "ref §N"), not copied from
Storm's storm.py. It behaves like storm.py where the tests care:

- framing (ref §3): read lines until a line that is exactly ``end``; write ``json.dumps(msg)`` (ASCII,
  non-ASCII as \\uXXXX escapes) followed by ``"\\nend\\n"``, flushed after every message;
- handshake (ref §4): read the setup message, send ``{"pid": <pid>}``, *then* create ``<pidDir>/<pid>``;
- a non-direct ``emit`` blocks until it reads the task-id list (ref §5.1, §5.2); any command read
  while waiting is queued and handed out later, in order;
- ``Bolt`` answers heartbeat tuples with ``sync`` between tuples only (ref §5.3, §7); ``BasicBolt``
  anchors every emit to the current tuple, acks after ``process`` and sends ``error`` then ``fail`` when
  ``process`` raises; ``Spout`` is lock-step: one command, its handler, then always ``sync`` (ref §6.4).

Differences from storm.py, on purpose: names are snake_case; ``emit`` takes ``need_task_ids=False`` to
send ``"need_task_ids": false`` and not wait; EOF on stdin (the host closed it) ends ``run()`` quietly
(storm.py reports it as an ``error`` first); any other exception is reported with ``error`` and the
process exits with status 1.

Usage: ``import gale_storm as storm`` from a script in this directory (Python puts the script's own
directory on sys.path, ref §1).
"""

import json
import os
import sys
import traceback
from collections import deque

# The host speaks UTF-8 with bare "\n" line ends (ref §3). Do not depend on the locale; newline="\n"
# turns off universal-newline translation, so lines are exactly what the host wrote.
sys.stdin.reconfigure(encoding="utf-8", newline="\n")
sys.stdout.reconfigure(encoding="utf-8", newline="\n")

# Messages read while waiting for something else (ref §5.1: a task-id reply may arrive after tuples
# the host wrote earlier, and in theory the other way round).
_pending_commands = deque()
_pending_task_ids = deque()

# The tuple BasicBolt is processing: every emit is anchored to it (ref §5.3).
_anchor_tuple = None


# ---- framing (ref §3) ----


def read_msg():
    """Reads one message: the lines before a line that is exactly 'end', joined, parsed as JSON."""
    lines = []
    while True:
        line = sys.stdin.readline()
        if line == "":
            raise EOFError("Read EOF from stdin")
        # Cut exactly one trailing character, the "\n" (the host must not send "\r\n", ref §3).
        if line[:-1] == "end":
            break
        lines.append(line)
    # The last line read before 'end' still has its "\n"; the JSON text does not include it.
    return json.loads("".join(lines)[:-1])


def send_msg(msg):
    """Writes one message. json.dumps escapes newlines inside strings, so no line can read 'end'."""
    sys.stdout.write(json.dumps(msg) + "\nend\n")
    sys.stdout.flush()


def read_command():
    """The next message that is not a task-id list (a JSON object)."""
    if _pending_commands:
        return _pending_commands.popleft()
    while True:
        msg = read_msg()
        if isinstance(msg, list):
            _pending_task_ids.append(msg)
        else:
            return msg


def read_task_ids():
    """The next task-id list (a JSON array); commands read meanwhile are queued (ref §5.1)."""
    if _pending_task_ids:
        return _pending_task_ids.popleft()
    while True:
        msg = read_msg()
        if isinstance(msg, list):
            return msg
        _pending_commands.append(msg)


# ---- handshake (ref §4) ----


def handshake():
    """Reads the setup message, sends the pid, then creates the pid file. Returns (conf, context)."""
    setup = read_command()
    pid = os.getpid()
    send_msg({"pid": pid})
    # storm.py's order: pid first, then the file; a host must not expect the file at once (ref §4.3).
    with open(os.path.join(setup["pidDir"], str(pid)), "w"):
        pass
    return setup["conf"], setup["context"]


# ---- tuples ----


class Tuple:
    """An input tuple (ref §5.1). ``id`` is the host's string id; ``component`` is None for heartbeats."""

    def __init__(self, id, component, stream, task, values):
        self.id = id
        self.component = component
        self.stream = stream
        self.task = task
        self.values = values

    def is_tick(self):
        return self.task == -1 and self.stream == "__tick"

    def is_heartbeat(self):
        return self.task == -1 and self.stream == "__heartbeat"

    def __repr__(self):
        return "Tuple(%r, %r, %r, %r, %r)" % (self.id, self.component, self.stream, self.task, self.values)


def read_tuple():
    cmd = read_command()
    return Tuple(cmd["id"], cmd.get("comp"), cmd.get("stream"), cmd.get("task"), cmd.get("tuple"))


def _id_of(tuple_or_id):
    return tuple_or_id.id if isinstance(tuple_or_id, Tuple) else tuple_or_id


# ---- commands to the host (ref §5.2, §6.2) ----


def emit(values, stream=None, anchors=None, direct_task=None, id=None, need_task_ids=True):
    """Emits ``values`` (a list). Returns the task-id list, or None for a direct emit or
    ``need_task_ids=False``.

    ``anchors``: input tuples or their ids (bolts; ignored inside BasicBolt, which anchors to the
    current tuple). ``id``: the message id (spouts; None means unreliable). ``direct_task``: a task id
    for a direct emit, which gets no task-id reply (ref §5.2); 0 means "not direct" to the host (ref §9).
    """
    msg = {"command": "emit", "tuple": values}
    if stream is not None:
        msg["stream"] = stream
    if _anchor_tuple is not None:
        anchors = [_anchor_tuple]
    if anchors is not None:
        msg["anchors"] = [_id_of(a) for a in anchors]
    if id is not None:
        msg["id"] = id
    if direct_task is not None:
        msg["task"] = direct_task
    if not need_task_ids:
        msg["need_task_ids"] = False
    send_msg(msg)
    # The host treats task 0 as "not direct" and answers it like any emit (ref §9).
    if direct_task not in (None, 0) or not need_task_ids:
        return None
    # Blocks: storm.py-style libraries wait for the reply to every non-direct emit (ref §5.2).
    return read_task_ids()


def emit_direct(task, values, stream=None, anchors=None, id=None):
    """A direct emit to ``task``; no task-id reply comes back (ref §5.2)."""
    emit(values, stream=stream, anchors=anchors, direct_task=task, id=id)


def ack(tuple_or_id):
    send_msg({"command": "ack", "id": _id_of(tuple_or_id)})


def fail(tuple_or_id):
    send_msg({"command": "fail", "id": _id_of(tuple_or_id)})


def log(msg, level=None):
    """``level``: 0..4 = TRACE, DEBUG, INFO, WARN, ERROR; left out means INFO (ref §5.2)."""
    cmd = {"command": "log", "msg": msg}
    if level is not None:
        cmd["level"] = level
    send_msg(cmd)


def report_error(msg):
    send_msg({"command": "error", "msg": msg})


def sync():
    send_msg({"command": "sync"})


def rpc_metrics(name, params=None):
    """Updates the host-registered shell metric ``name`` (ref §5.2 ``metrics``)."""
    send_msg({"command": "metrics", "name": name, "params": params})


def _die_reporting():
    """Reports the exception being handled and exits 1 (the host sees EOF next)."""
    try:
        report_error(traceback.format_exc())
    except OSError:
        pass  # the host is gone
    sys.exit(1)


# ---- components ----


class Bolt:
    """Calls ``process(tuple)`` per tuple; the script acks. Heartbeats go to ``heartbeat`` (sync)."""

    def initialize(self, conf, context):
        pass

    def process(self, tup):
        pass

    def heartbeat(self, tup):
        # Heartbeat ids are not inputs: answering with ack would kill the bolt (ref §5.1, §9).
        sync()

    def run(self):
        conf, context = handshake()
        try:
            self.initialize(conf, context)
            while True:
                tup = read_tuple()
                if tup.is_heartbeat():
                    self.heartbeat(tup)
                else:
                    self.process(tup)
        except EOFError:
            return
        except Exception:
            _die_reporting()


class BasicBolt(Bolt):
    """Anchors every emit to the current tuple and acks it after ``process``. When ``process``
    raises, sends ``error`` (the traceback) then ``fail``, and goes on (ref §5.3)."""

    def run(self):
        global _anchor_tuple
        conf, context = handshake()
        try:
            self.initialize(conf, context)
            while True:
                tup = read_tuple()
                if tup.is_heartbeat():
                    self.heartbeat(tup)
                    continue
                _anchor_tuple = tup
                try:
                    self.process(tup)
                except (EOFError, SystemExit):
                    raise
                except Exception:
                    _anchor_tuple = None
                    report_error(traceback.format_exc())
                    fail(tup)
                    continue
                _anchor_tuple = None
                ack(tup)
        except EOFError:
            return
        except Exception:
            _die_reporting()


class Spout:
    """Lock-step (ref §6): read a command, call its handler, then always send ``sync``. ``ack`` and
    ``fail`` get the message id exactly as the spout emitted it (a number stays a number, ref §6.1)."""

    def initialize(self, conf, context):
        pass

    def next_tuple(self):
        pass

    def ack(self, id):
        pass

    def fail(self, id):
        pass

    def activate(self):
        pass

    def deactivate(self):
        pass

    def run(self):
        conf, context = handshake()
        try:
            self.initialize(conf, context)
            while True:
                msg = read_command()
                command = msg.get("command")
                if command == "next":
                    self.next_tuple()
                elif command == "ack":
                    self.ack(msg.get("id"))
                elif command == "fail":
                    self.fail(msg.get("id"))
                elif command == "activate":
                    self.activate()
                elif command == "deactivate":
                    self.deactivate()
                sync()
        except EOFError:
            return
        except Exception:
            _die_reporting()
