#!/usr/bin/env node
/**
 * The `gale` command. Usage errors print one line and exit 2; no stack traces for mistakes in
 * what the user gave us.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { TopologyValidationError } from '../api/index.js';
import { GaleError } from '../api/index.js';
import { runCommand } from './run-command.js';
import { UsageError } from './usage-error.js';

function version(): string {
  const pkg: unknown = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));
  return typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string'
    ? pkg.version
    : '0.0.0';
}

function fail(err: unknown): number {
  if (err instanceof UsageError) {
    process.stderr.write(`gale: ${err.message}\n`);
    return 2;
  }
  if (err instanceof TopologyValidationError) {
    process.stderr.write(`gale: ${err.message}\n`);
    return 2;
  }
  if (err instanceof GaleError) {
    process.stderr.write(`gale: ${err.message}\n`);
    return err.code === 'CONFIG_INVALID' || err.code === 'TOPOLOGY_INVALID' ? 2 : 1;
  }
  process.stderr.write(
    `gale: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  return 1;
}

const program = new Command('gale')
  .description('Gale: Storm-style stream processing for TypeScript')
  .version(version())
  .exitOverride()
  .configureOutput({ outputError: (str, write) => write(`gale: ${str.replace(/^error: /, '')}`) });

program
  .command('run')
  .description('run a topology module in this process (local mode)')
  .argument('<module>', 'a .ts or .js file that default-exports a topology or a function returning one')
  .option('-d, --duration <time>', 'how long to run: 500ms, 10s, 2m, 1h; 0 = until Ctrl-C', '20s')
  .option('-c, --config <file>', 'JSON file of topology settings overriding the topology config')
  .option('-n, --name <name>', 'topology name (default: the file name)')
  .option('--no-progress', 'no live progress line')
  .option(
    '--log-level <level>',
    'runtime log level on stderr (fatal, error, warn, info, debug, trace, silent)',
    'warn',
  )
  .action(
    async (
      file: string,
      opts: { duration: string; config?: string; name?: string; progress: boolean; logLevel: string },
    ) => {
      process.exitCode = await runCommand(file, opts);
    },
  );

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    process.exitCode = err.exitCode === 0 ? 0 : 2;
  } else {
    process.exitCode = fail(err);
  }
}
