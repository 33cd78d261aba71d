// `drover config validate [file]`: checks a .github/drover.yml and shows what is wrong, path by path.
import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { InvalidInputError } from "../../src/config/format-issues.js";
import { parseRepoConfigText } from "../../src/config/repo-config.js";
import { CliError, exitCodes } from "../exit-codes.js";

export function registerConfigCommand(program: Command): void {
  const config = program.command("config").description("Work with a repository's .github/drover.yml");
  config
    .command("validate")
    .description("Validate a repo config file; prints the resolved config (defaults filled in) with --json")
    .argument("[file]", "the file to check", ".github/drover.yml")
    .option("--json", "print the resolved configuration as JSON")
    .action(async (file: string, options: { json?: boolean }) => {
      let text: string;
      try {
        text = await readFile(file, "utf8");
      } catch (error) {
        throw new CliError(
          `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}. Pass the path of a drover.yml.`,
          exitCodes.usage,
        );
      }
      try {
        const resolved = parseRepoConfigText(text, file);
        if (options.json) console.log(JSON.stringify(resolved, null, 2));
        else console.log(`${file} is valid.`);
      } catch (error) {
        if (error instanceof InvalidInputError) throw new CliError(error.message, exitCodes.failure);
        throw error;
      }
    });
}
