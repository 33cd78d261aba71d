// Turns zod issues into lines a person can act on: where the problem is and what was expected there.
import type { z } from "zod";

/** One line per issue: `reactions.ci-failed.retries: expected number, received string`. */
export function formatIssues(error: z.ZodError, root = ""): string {
  return error.issues
    .map((issue) => {
      const path = [root, ...issue.path.map(String)].filter(Boolean).join(".");
      return `${path || "(top level)"}: ${issue.message.replace(/^Invalid input: /, "")}`;
    })
    .join("\n");
}

/** A config or input error that already says what is wrong and where; callers print `message` as is. */
export class InvalidInputError extends Error {
  constructor(
    readonly what: string,
    readonly details: string,
  ) {
    super(`${what} is invalid:\n${details}`);
    this.name = "InvalidInputError";
  }
}
