#!/usr/bin/env node
/**
 * The `gale` command. Exit codes: 0 done, 1 a component failed to start or Gale failed, 2 a usage
 * mistake (printed without a stack trace), 130 a second Ctrl-C. See docs/cli.md.
 */
import { Command, CommanderError } from 'commander';
import { LOG_LEVELS } from './log-level.js';
import { logsCommand, type LogsOptions } from './logs-command.js';
import { packageVersion } from './package-version.js';
import { reportFailure } from './report-failure.js';
import { runCommand, type RunOptions } from './run-command.js';
import {
  killCommand,
  listCommand,
  rebalanceCommand,
  setStatusCommand,
  stdio,
  submitCommand,
  type KillOptions,
  type RebalanceOptions,
  type SubmitOptions,
} from './cluster-commands.js';
import type { ClusterFlags } from './cluster-settings.js';
import {
  nimbusCommand,
  supervisorCommand,
  type DaemonFlags,
  type SupervisorFlags,
} from './daemon-commands.js';
import { USAGE_EXIT_CODE } from './usage-error.js';
import { statusCommand, uiCommand, type StatusFlags, type UiFlags } from './ui-commands.js';

const RUN_EXAMPLES = `
Examples:
  $ gale run examples/word-count.ts --duration 10s
  $ gale run examples/exclamation.ts -d 0          run until Ctrl-C
  $ gale run topology.js --config tuning.json --log-level info

Exit codes: 0 done, 1 a component failed to start or the worker stopped on an error, 2 a usage error,
130 a second Ctrl-C (143 a second SIGTERM).`;

function createProgram(setExitCode: (code: number) => void): Command {
  const program = new Command('gale')
    .description('Gale: Storm-style stream processing for TypeScript')
    .version(packageVersion(), '-V, --version', 'print the version')
    .exitOverride()
    .configureOutput({
      // commander's own messages ("error: unknown option '--x'") in the same form as ours.
      outputError: (text, write) => write(`gale: ${text.replace(/^error: /, '')}`),
    });

  program
    .command('run')
    .description('run a topology module in this process (local mode), then print a summary')
    .argument(
      '<module>',
      'a .ts, .mts, .cts, .js, .mjs or .cjs file that default-exports a topology or a function returning one',
    )
    .option(
      '-d, --duration <time>',
      'how long to run before a graceful stop: 500ms, 10s, 2m, 1h, or seconds; 0 = until Ctrl-C',
      '20s',
    )
    .option('-c, --config <file>', 'JSON file of topology settings that override the topology config')
    .option('-n, --name <name>', 'topology name (default: the file name without extension)')
    .option(
      '-w, --workers <n>',
      'workers to spread the executors over, each on a worker thread (overrides the config)',
    )
    .option('--no-progress', 'no live progress line')
    .option('--ui', 'serve the web UI, REST API and /metrics while it runs')
    .option('--ui-port <port>', 'port of the UI (0: any free one)', '8080')
    .option('--ui-host <host>', 'address the UI listens on', '127.0.0.1')
    .option('--log-level <level>', `runtime log level on stderr: ${LOG_LEVELS.join(', ')}`, 'warn')
    .addHelpText('after', RUN_EXAMPLES)
    .action(async (file: string, options: RunOptions) => {
      setExitCode(await runCommand(file, options));
    });

  const clusterOptions = (cmd: Command): Command =>
    cmd
      .option(
        '--etcd <urls>',
        'etcd client URLs, comma-separated (env GALE_ETCD_ENDPOINTS; default http://127.0.0.1:2379)',
      )
      .option('--prefix <prefix>', "key prefix of the cluster in etcd (env GALE_PREFIX; default '/gale/')")
      .option(
        '--ttl <secs>',
        'lease TTL of heartbeats and leadership, seconds (env GALE_TTL_SECS; default 2)',
      )
      .option('--cluster-config <file>', 'JSON file with etcd, prefix and ttlSecs');

  clusterOptions(
    program
      .command('nimbus')
      .description('run a nimbus (master); several may run, one leads')
      .option('--id <id>', 'id in the leader election (default host:pid)')
      .option('--log-level <level>', `log level on stderr: ${LOG_LEVELS.join(', ')}`, 'info'),
  ).action(async (options: DaemonFlags) => setExitCode(await nimbusCommand(options)));

  clusterOptions(
    program
      .command('supervisor')
      .description(
        "run a supervisor: offers this machine's worker slots and runs the workers assigned to them",
      )
      .option('--slots <n>', 'worker slots (ports)', '4')
      .option('--ports <first>', 'first slot port; slots use consecutive ports', '6700')
      .option('--host <host>', 'address other workers reach this machine at', '127.0.0.1')
      .option('--id <id>', 'supervisor id (default host-firstport)')
      .option('--log-dir <dir>', "where workers' logs go (default <tmp>/gale-logs/<id>)")
      .option('--log-port <port>', "port of the server of workers' logs for gale logs (0: any free one)", '0')
      .option('--bundle-dir <dir>', 'where topology bundles are cached (default <tmp>/gale-bundles)')
      .option('--log-level <level>', `log level on stderr: ${LOG_LEVELS.join(', ')}`, 'info')
      .option('--log-max-mb <n>', "rotate a worker's log file past this size, in MiB (0: never)", '100')
      .option('--log-keep <n>', 'rotated copies of each worker log file kept (.1 newest)', '3')
      .option(
        '--worker-log-level <level>',
        `log level of its workers' log files: ${LOG_LEVELS.join(', ')}`,
        'info',
      ),
  ).action(async (options: SupervisorFlags) => setExitCode(await supervisorCommand(options)));

  clusterOptions(
    program
      .command('submit')
      .description('bundle a topology module and run it on the cluster')
      .argument('<module>', 'a .ts or .js file that default-exports a topology or a function returning one')
      .requiredOption('-n, --name <name>', 'topology name, unique in the cluster')
      .option('-w, --workers <n>', 'worker processes (overrides the config)')
      .option('-c, --config <file>', 'JSON file of topology settings that override the topology config'),
  ).action(async (file: string, options: SubmitOptions) => setExitCode(await submitCommand(file, options)));

  clusterOptions(program.command('list').description('list the topologies of the cluster')).action(
    async (options: ClusterFlags) => setExitCode(await listCommand(options)),
  );

  clusterOptions(
    program
      .command('kill')
      .description('kill a topology: deactivate, drain, stop')
      .argument('<name>', 'topology name')
      .option('--wait <time>', 'how long workers may drain before they stop', '30s'),
  ).action(async (name: string, options: KillOptions) => setExitCode(await killCommand(name, options)));

  clusterOptions(
    program
      .command('rebalance')
      .description(
        'spread a topology over another number of workers, or a component over another number of executors',
      )
      .argument('<name>', 'topology name')
      .option('-w, --workers <n>', 'workers (1-1024)')
      .option(
        '-e, --executors <component=count...>',
        "executors of a component, at most its task count (repeat, or separate with ',')",
      ),
  ).action(async (name: string, options: RebalanceOptions) =>
    setExitCode(await rebalanceCommand(name, options)),
  );

  clusterOptions(
    program
      .command('logs')
      .description("print the logs of a topology's workers, from every machine, merged by time")
      .argument('<name>', 'topology name')
      .option('-c, --component <id>', 'only the lines of this component')
      .option('-t, --task <n>', 'only the lines of this task')
      .option('-n, --lines <n>', 'lines of history to print (0-10000)', '100')
      .option('-f, --follow', 'keep printing new lines until Ctrl-C')
      .option('--json', 'print the JSON lines as they are, even on a terminal'),
  ).action(async (name: string, options: LogsOptions) => setExitCode(await logsCommand(name, options)));

  clusterOptions(
    program
      .command('ui')
      .description('serve the web UI, REST API and Prometheus /metrics of the cluster')
      .option('-p, --port <port>', 'port to listen on (0: any free one)', '8080')
      .option('--host <host>', 'address to listen on', '127.0.0.1')
      .option('--log-level <level>', `log level on stderr: ${LOG_LEVELS.join(', ')}`, 'info'),
  ).action(async (options: UiFlags) => setExitCode(await uiCommand(options, stdio)));

  clusterOptions(
    program
      .command('status')
      .description("a topology's numbers per component and worker: live on a terminal, or once")
      .argument('<name>', 'topology name (or id)')
      .option('--json', 'print the REST API detail view once, as JSON')
      .option('--once', 'print the table once and exit')
      .option('-i, --interval <time>', 'refresh period (100ms to 60s)', '1s')
      .option('--ui <url>', 'read from a running UI (gale ui, gale run --ui) instead of etcd'),
  ).action(async (name: string, options: StatusFlags) =>
    setExitCode(await statusCommand(name, options, stdio)),
  );

  for (const status of ['activate', 'deactivate'] as const) {
    clusterOptions(
      program
        .command(status)
        .description(status === 'activate' ? "resume a topology's spouts" : "pause a topology's spouts")
        .argument('<name>', 'topology name'),
    ).action(async (name: string, options: ClusterFlags) =>
      setExitCode(await setStatusCommand(name, status === 'activate' ? 'active' : 'inactive', options)),
    );
  }

  return program;
}

async function main(argv: readonly string[]): Promise<number> {
  let exitCode = 0;
  try {
    await createProgram((code) => (exitCode = code)).parseAsync(argv);
    return exitCode;
  } catch (err) {
    // commander has printed its message already; --help and --version end here with code 0.
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : USAGE_EXIT_CODE;
    const failure = reportFailure(err);
    process.stderr.write(failure.text);
    return failure.exitCode;
  }
}

const exitCode = await main(process.argv);
process.exitCode = exitCode;
// The run is over: a timer or socket that user code left open must not keep the process alive.
setTimeout(() => process.exit(exitCode), 1000).unref();
