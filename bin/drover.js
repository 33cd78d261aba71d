#!/usr/bin/env node
// The `drover` command: everything lives in the built CLI (npm ci builds it through `prepare`).
import "../dist/runner/cli.js";
