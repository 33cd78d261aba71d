// Runs `claude -p` the way a headless agent runs, for the smoke tests: asynchronously (the scripted model server
// lives in the same process and must keep answering), with its stream-json output parsed line by line.
import { spawn } from "node:child_process";
import { z } from "zod";

// --output-format stream-json: one JSON object per line; the first is system/init, the last is the result.
const streamLineSchema = z.looseObject({
  type: z.string(),
  subtype: z.string().optional(),
  session_id: z.string().optional(),
  is_error: z.boolean().optional(),
  result: z.string().optional(),
  total_cost_usd: z.number().optional(),
});
export type StreamLine = z.infer<typeof streamLineSchema>;

export interface HeadlessRun {
  exitCode: number | null;
  lines: StreamLine[];
  sessionId: string;
  stderr: string;
}

export class HeadlessRunError extends Error {
  constructor(
    message: string,
    readonly context: { exitCode: number | null; stderr: string; stdout: string },
  ) {
    super(message);
    this.name = "HeadlessRunError";
  }
}

export function runHeadless(opts: {
  bin: string;
  cwd: string;
  env: Record<string, string>;
  prompt: string;
  timeoutMs?: number;
}): Promise<HeadlessRun> {
  // stream-json with --print is refused without --verbose; -p as root needs IS_SANDBOX=1 (set by offlineEnv).
  const argv = [
    "-p",
    opts.prompt,
    "--output-format",
    "stream-json",
    "--verbose",
    "--dangerously-skip-permissions",
  ];
  const child = spawn(opts.bin, argv, { cwd: opts.cwd, env: opts.env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => {
    stdout += d;
  });
  child.stderr.setEncoding("utf8").on("data", (d: string) => {
    stderr += d;
  });
  const timeoutMs = opts.timeoutMs ?? 30_000;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("close", (exitCode) => {
      clearTimeout(timer);
      const context = { exitCode, stderr, stdout };
      try {
        const lines = stdout
          .split("\n")
          .filter((l) => l.trim() !== "")
          .map((l) => streamLineSchema.parse(JSON.parse(l)));
        const sessionId = lines.find((l) => l.type === "system" && l.subtype === "init")?.session_id;
        if (!sessionId) throw new Error("no system/init line with a session_id");
        resolve({ exitCode, lines, sessionId, stderr });
      } catch (error) {
        const why = exitCode === null ? `was killed after ${timeoutMs} ms` : `exited ${exitCode}`;
        reject(
          new HeadlessRunError(
            `claude -p ${why} without valid stream-json: ${(error as Error).message}`,
            context,
          ),
        );
      }
    });
  });
}
