# The failure cases of the multilang tests, in Ruby: a bolt that echoes its tuples (anchored, then
# acked) until its first real tuple, where it misbehaves as the conf key "gale.test.misbehave" says:
#   "exit"              exits with status 3 (after acking that tuple);
#   "hang"              stops reading and writing, and sleeps until killed;
#   "bad_json"          writes a message that is not JSON;
#   "ack_unknown"       acks "gale-test-never-sent", an id the host never sent;
#   "anchor_finished"   acks the tuple, then emits anchored to it;
#   "stdout_before_pid" (at start) prints a stray line to stdout before its pid.
# Each case first says on stderr what it is about to do.
require_relative 'gale_storm'

def say(what)
  $stderr.puts("misbehaves.rb: #{what}")
  $stderr.flush
end

kind = nil
GaleStorm.handshake do |conf|
  kind = conf['gale.test.misbehave']
  if kind == 'stdout_before_pid'
    say('printing a stray line to stdout before the pid')
    $stdout.write("debug: misbehaves.rb starting\n")
  end
end

begin
  loop do
    command = GaleStorm.read_tuple
    id = command['id']
    case kind
    when 'exit'
      GaleStorm.ack(id)
      say("acked tuple #{id}, exiting with status 3")
      exit(3)
    when 'hang'
      say("got tuple #{id}; will never answer again")
      sleep
    when 'bad_json'
      say("got tuple #{id}; writing invalid JSON")
      $stdout.write("{\"command\": \"emit\", \"tuple\": [1,\nend\n")
    when 'ack_unknown'
      say("acking id gale-test-never-sent (tuple #{id})")
      GaleStorm.ack('gale-test-never-sent')
    when 'anchor_finished'
      say("acking tuple #{id}, then emitting anchored to it")
      GaleStorm.ack(id)
      GaleStorm.emit(command['tuple'], anchors: [id])
    else
      GaleStorm.emit(command['tuple'], anchors: [id])
      GaleStorm.ack(id)
    end
  end
rescue EOFError
  nil
end
