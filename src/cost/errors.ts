// Typed errors of cost reporting, each carrying what went wrong and what to do; the CLI maps them to exit codes.

/** Something about the machine or its files stops the report (exit code 1). */
export class CostError extends Error {
  constructor(
    message: string,
    readonly context: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "CostError";
  }
}

/** CLAUDE_CONFIG_DIR (or CODEX_HOME) is set but names no usable directory. */
export class ConfigDirError extends CostError {
  constructor(
    readonly variable: string,
    readonly value: string,
    readonly expected: string,
  ) {
    super(
      `${variable} is set to "${value}", but none of its comma-separated entries is ${expected}. ` +
        `Point ${variable} at such a directory, or unset it to use the default locations.`,
      { variable, value },
    );
    this.name = "ConfigDirError";
  }
}

/** The command line asked for something invalid (exit code 2). */
export class CostUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CostUsageError";
  }
}

/** A file Drover owns (links file, price table, cache) is unreadable or does not match its schema. */
export class CostFileError extends CostError {
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(`${path}: ${problem}`, { path });
    this.name = "CostFileError";
  }
}
