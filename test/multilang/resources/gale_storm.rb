# A minimal multilang client for Gale's tests (Ruby, standard library only), written from
# /work/shared/reference/multilang-protocol.md, not copied from Storm's storm.rb. It covers what the
# Ruby test needs: framing (ref §3), the handshake (ref §4), a basic bolt that anchors its emits to
# the current tuple and acks it (ref §5), heartbeats answered with sync (ref §7).
#
# Usage: require_relative 'gale_storm' from a script in this directory.
require 'json'

module GaleStorm
  $stdout.sync = true
  @pending_commands = []

  # Reads lines until a line that is exactly "end" (ref §3).
  def self.read_message
    lines = []
    loop do
      line = $stdin.gets
      raise EOFError, 'Read EOF from stdin' if line.nil?
      line = line.chomp
      break if line == 'end'
      lines << line
    end
    JSON.parse(lines.join("\n"))
  end

  def self.send_message(message)
    $stdout.write("#{JSON.generate(message)}\nend\n")
  end

  # A command (a Hash), from those read while waiting for task ids first.
  def self.read_command
    return @pending_commands.shift unless @pending_commands.empty?
    loop do
      message = read_message
      return message if message.is_a?(Hash)
      # A task-id list nobody waits for (need_task_ids was left true by someone else): dropped.
    end
  end

  # Sends the pid, then creates the pid file (ref §4, as storm.rb does). A block given is called with
  # the conf before the pid is sent.
  def self.handshake
    setup = read_message
    yield setup['conf'] if block_given?
    send_message({ 'pid' => Process.pid })
    File.write(File.join(setup['pidDir'], Process.pid.to_s), '')
    [setup['conf'], setup['context']]
  end

  # A non-direct emit waits for its task-id list; commands read meanwhile wait their turn.
  def self.emit(values, anchors: [])
    send_message({ 'command' => 'emit', 'anchors' => anchors, 'tuple' => values })
    loop do
      message = read_message
      return message if message.is_a?(Array)
      @pending_commands << message
    end
  end

  # The next tuple; heartbeat tuples read meanwhile are answered with sync (ref §7).
  def self.read_tuple
    loop do
      command = read_command
      return command unless command['task'] == -1 && command['stream'] == '__heartbeat'

      send_message({ 'command' => 'sync' })
    end
  end

  def self.ack(id)
    send_message({ 'command' => 'ack', 'id' => id })
  end

  def self.fail(id)
    send_message({ 'command' => 'fail', 'id' => id })
  end

  def self.report_error(text)
    send_message({ 'command' => 'error', 'msg' => text })
  end

  # A basic bolt: process(values) returns the tuples to emit, each anchored to the input, which is
  # then acked; an exception sends error and fails the input (ref §5.3).
  class BasicBolt
    def process(_values)
      []
    end

    def run
      GaleStorm.handshake
      loop do
        command = GaleStorm.read_tuple
        begin
          process(command['tuple']).each { |out| GaleStorm.emit(out, anchors: [command['id']]) }
          GaleStorm.ack(command['id'])
        rescue StandardError => e
          GaleStorm.report_error("#{e.class}: #{e.message}")
          GaleStorm.fail(command['id'])
        end
      end
    rescue EOFError
      nil
    end
  end
end
