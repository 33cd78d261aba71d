// The files of one agent in its folder, named in one place because the wrapper script writes them, the launcher
// reads them, and a later process (resume, status) must find them again.
import { join } from "node:path";

export function agentFiles(dir: string) {
  return {
    prompt: join(dir, "prompt.md"),
    script: join(dir, "run.sh"),
    /** The agent's stdout: stream-json for Claude, its answer for a custom command. */
    stdout: join(dir, "stdout.log"),
    stderr: join(dir, "stderr.log"),
    /** Written (via a rename) once the agent has exited: its exit code. */
    exitCode: join(dir, "exit-code"),
    output: join(dir, "output.md"),
  };
}
