#!/usr/bin/env node
// The `drover` command's entry: all logic lives in program.ts and the command files.
import { runCli } from "./program.js";

await runCli(process.argv);
