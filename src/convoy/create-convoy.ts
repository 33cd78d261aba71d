// A new convoy's state from a resolved template and its inputs: every agent pending, phases planned, an id that
// sorts by time and says what it is.
import { randomBytes } from "node:crypto";
import { InvalidInputError } from "../config/format-issues.js";
import type { ConvoyState } from "./convoy-state.js";
import type { ConvoyInput } from "./convoy-template.js";
import type { ResolvedConvoy } from "./resolve-convoy.js";

export interface ConvoyInputs {
  files: string[];
  filesGlob?: string;
  prUrl?: string;
  issue?: string;
}

/** `code-review-20261122-0941-3f9a`: template, UTC date and time, and four random hex digits. */
export function newConvoyId(template: string, now: Date = new Date()): string {
  const stamp = now.toISOString().slice(0, 16).replace(/[-:]/g, "").replace("T", "-");
  return `${template}-${stamp}-${randomBytes(2).toString("hex")}`;
}

const inputFlags: Record<ConvoyInput, string> = {
  files: "--files GLOB",
  prUrl: "--pr URL",
  issue: "--issue ID",
};

export function createConvoyState(options: {
  convoy: ResolvedConvoy;
  inputs: ConvoyInputs;
  cwd: string;
  runtime: string;
  /** Folder for the convoy's files, given its id (the store's convoyDir). */
  dirFor: (id: string) => string;
  id?: string;
  now?: Date;
}): ConvoyState {
  const { convoy, inputs } = options;
  for (const needed of convoy.requires) {
    const given = needed === "files" ? inputs.files.length > 0 : Boolean(inputs[needed]);
    if (!given) {
      const why = needed === "files" && inputs.filesGlob ? ` (${inputs.filesGlob} matched no files)` : "";
      throw new InvalidInputError(
        `The inputs of ${convoy.name}`,
        `${needed}: ${convoy.name} needs ${inputFlags[needed]}${why}`,
      );
    }
  }
  const now = options.now ?? new Date();
  const id = options.id ?? newConvoyId(convoy.name, now);
  return {
    version: 1,
    id,
    template: convoy.name,
    description: convoy.description,
    status: "running",
    runtime: options.runtime,
    cwd: options.cwd,
    dir: options.dirFor(id),
    inputs: {
      files: inputs.files,
      ...(inputs.filesGlob ? { filesGlob: inputs.filesGlob } : {}),
      ...(inputs.prUrl ? { prUrl: inputs.prUrl } : {}),
      ...(inputs.issue ? { issue: inputs.issue } : {}),
    },
    phases: convoy.phases,
    agents: convoy.agents.map((a) => ({ ...a, status: "pending" })),
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
}
