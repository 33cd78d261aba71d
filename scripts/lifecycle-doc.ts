// Writes docs/lifecycle.md from the code's own transitions (see test/core/lifecycle-doc.ts).
import { writeFileSync } from "node:fs";
import { renderLifecycleDoc } from "../test/core/lifecycle-doc.js";

writeFileSync("docs/lifecycle.md", renderLifecycleDoc());
console.log("wrote docs/lifecycle.md");
