#!/usr/bin/env node
// `drover report` alone, the entry the runner's shim uses inside agent workspaces: all logic is in the command.
import { runReportCli } from "./commands/report.js";

await runReportCli(process.argv);
