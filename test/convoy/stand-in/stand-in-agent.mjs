#!/usr/bin/env node
// A stand-in agent for convoy tests and the bench: behaves as its plan says for its role (DROVER_ROLE, set by
// the convoy's wrapper script) — findings, a synthesis of the findings in its prompt, a delay, a failure,
// invalid JSON, a hang — and records its prompt, arguments and start/end in DROVER_STANDIN_RECORD.
// Run as `stand-in-agent.mjs claude …` it answers like `claude -p --output-format stream-json`.
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const args = process.argv.slice(2);
const asClaude = args[0] === "claude";
const role = process.env.DROVER_ROLE ?? "unknown";
const plan = JSON.parse(readFileSync(process.env.DROVER_STANDIN_PLAN ?? "", "utf8"));
const behaviour = plan[role] ?? plan["*"] ?? {};
const record = process.env.DROVER_STANDIN_RECORD;
const prompt = readFileSync(0, "utf8");
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function note(event) {
  if (!record) return;
  mkdirSync(record, { recursive: true });
  appendFileSync(join(record, "events.log"), `${event} ${role}\n`);
}

if (record) {
  mkdirSync(record, { recursive: true });
  writeFileSync(join(record, `${role}.prompt.md`), prompt);
  writeFileSync(join(record, `${role}.args.json`), JSON.stringify(args));
  // Which credentials reached the agent (names only), so tests can check nothing else did.
  const secrets = Object.keys(process.env).filter((k) =>
    /^(INPUT_|GITHUB_TOKEN|ANTHROPIC_|CLAUDE_CODE_OAUTH)/.test(k),
  );
  writeFileSync(join(record, `${role}.env.json`), JSON.stringify(secrets.sort()));
}
note("start");
process.on("SIGTERM", () => {
  note("killed");
  process.exit(143);
});
process.on("SIGHUP", () => {
  note("killed");
  process.exit(129);
});

if (behaviour.waitFor) while (!existsSync(behaviour.waitFor)) await sleep(50);
if (behaviour.delayMs) await sleep(behaviour.delayMs);
if (behaviour.hang) await sleep(10 * 60_000);

if (behaviour.exitCode) {
  process.stderr.write(behaviour.stderr ?? `stand-in ${role} failed on purpose\n`);
  note("end");
  process.exit(behaviour.exitCode);
}

const block = (value) => `\n\n\`\`\`json\n${JSON.stringify(value, null, 2)}\n\`\`\`\n`;
let text;
if (behaviour.invalid) {
  text = `I looked at everything.\n\n\`\`\`json\n{"findings": [{"severity": "urgent", "file": "src/a.ts"}\n\`\`\`\n`;
} else if (behaviour.synthesis) {
  // The synthesis prompt carries the deduplicated findings in its first ```json block.
  const match = /```json\n([\s\S]*?)\n```/.exec(prompt);
  const findings = match ? JSON.parse(match[1]) : [];
  const priorities = findings.slice(0, 2).map((f) => ({ id: f.id, why: `${f.title} must be fixed first.` }));
  const summary = behaviour.summary ?? `Stand-in synthesis of ${findings.length} findings.`;
  text = `Here is my synthesis.${block({ summary, priorities })}`;
} else if (behaviour.text) {
  text = behaviour.text;
} else {
  text = `Review by ${role}.${block({ findings: behaviour.findings ?? [] })}`;
}

if (behaviour.writeOutputFile && process.env.DROVER_OUTPUT_FILE) {
  writeFileSync(process.env.DROVER_OUTPUT_FILE, text);
  text = "written to the output file";
}
if (asClaude) {
  const line = (value) => process.stdout.write(`${JSON.stringify(value)}\n`);
  line({ type: "system", subtype: "init", session_id: `stand-in-${role}`, model: process.env.DROVER_MODEL });
  line({ type: "assistant", message: { role: "assistant", content: [{ type: "text", text }] } });
  line({ type: "result", subtype: "success", is_error: false, result: text, total_cost_usd: 0.0125 });
} else {
  process.stdout.write(text);
}
note("end");
