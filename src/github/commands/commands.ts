// Every `/drover` command, in the order the help lists them.
import type { Command } from "./command.js";
import { costCommand } from "./cost.js";
import { helpCommand } from "./help.js";
import { killCommand } from "./kill.js";
import { mergeCommand } from "./merge.js";
import { reviewCommand } from "./review.js";
import { sendCommand } from "./send.js";
import { spawnCommand } from "./spawn.js";
import { statusCommand } from "./status.js";
import { wipeCommand } from "./wipe.js";

export const commands: readonly Command[] = [
  spawnCommand,
  statusCommand,
  sendCommand,
  killCommand,
  wipeCommand,
  reviewCommand,
  mergeCommand,
  costCommand,
  helpCommand(() => commands),
];
