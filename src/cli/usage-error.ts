/**
 * A mistake in how `gale` was called or in what it was given (a flag, a file, a module). The CLI
 * prints its message on one line, with no stack trace, and exits with {@link USAGE_EXIT_CODE}.
 *
 * Not a `GaleError`: the api's error codes describe topologies and the runtime, and a bad flag is
 * neither. It never leaves the CLI.
 */
export const USAGE_EXIT_CODE = 2;

export class UsageError extends Error {
  readonly exitCode = USAGE_EXIT_CODE;

  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
