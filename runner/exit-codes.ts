// What `drover`'s exit codes mean, so scripts can tell a failed check from a mistyped command.
export const exitCodes = {
  ok: 0,
  /** The command ran and found a problem (invalid config, a failed check, an unreachable server). */
  failure: 1,
  /** The command was used wrongly (unknown option, missing argument, bad environment). */
  usage: 2,
} as const;

/** An error the CLI prints as is (no stack) before exiting with `code`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly code: number = exitCodes.failure,
  ) {
    super(message);
    this.name = "CliError";
  }
}
