// The runner's convoys: one JSON file per convoy in the data dir (`$XDG_DATA_HOME/drover/convoys`), written to a
// temp file and renamed, so a reader or a crash never sees half a state, and a restarted runner finds them all.
import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { dataDir } from "../config/env.js";
import { formatIssues } from "../config/format-issues.js";
import { type ConvoyState, convoyStateSchema } from "./convoy-state.js";
import type { ConvoyStore } from "./convoy-store.js";

export class ConvoyFileError extends Error {
  constructor(
    message: string,
    readonly file: string,
  ) {
    super(message);
    this.name = "ConvoyFileError";
  }
}

/** `$DROVER_DATA_DIR/convoys`, else `$XDG_DATA_HOME/drover/convoys` (default ~/.local/share/drover/convoys). */
export function defaultConvoysDir(): string {
  return join(dataDir({ DROVER_DATA_DIR: process.env.DROVER_DATA_DIR }), "convoys");
}

export function createFileConvoyStore(root: string = defaultConvoysDir()): ConvoyStore {
  const stateFile = (id: string) => join(root, `${id}.json`);
  const stopFile = (id: string) => join(root, `${id}.stop`);

  async function read(file: string): Promise<ConvoyState | undefined> {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new ConvoyFileError(`${file} is not valid JSON (${(error as Error).message}); remove it`, file);
    }
    const parsed = convoyStateSchema.safeParse(json);
    if (!parsed.success) {
      throw new ConvoyFileError(
        `${file} is not a convoy this version of Drover can read:\n${formatIssues(parsed.error)}`,
        file,
      );
    }
    return parsed.data;
  }

  return {
    async save(state) {
      const valid = convoyStateSchema.parse(state);
      await mkdir(root, { recursive: true });
      const target = stateFile(valid.id);
      const temp = `${target}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`;
      await writeFile(temp, `${JSON.stringify(valid, null, 2)}\n`, { mode: 0o600 });
      await rename(temp, target);
    },
    load: (id) => (isConvoyId(id) ? read(stateFile(id)) : Promise.resolve(undefined)),
    async list() {
      let names: string[];
      try {
        names = await readdir(root);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return { convoys: [], problems: [] };
        throw error;
      }
      const convoys: ConvoyState[] = [];
      const problems: { file: string; message: string }[] = [];
      for (const name of names.filter((n) => n.endsWith(".json"))) {
        try {
          const state = await read(join(root, name));
          if (state) convoys.push(state);
        } catch (error) {
          problems.push({ file: join(root, name), message: (error as Error).message });
        }
      }
      convoys.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
      return { convoys, problems };
    },
    async requestStop(id) {
      await mkdir(root, { recursive: true });
      await writeFile(stopFile(id), `${new Date().toISOString()}\n`);
    },
    async stopRequested(id) {
      return stat(stopFile(id)).then(
        () => true,
        () => false,
      );
    },
    async clearStopRequest(id) {
      await rm(stopFile(id), { force: true });
    },
    convoyDir: (id) => join(root, id),
  };
}

/** Ids are made by Drover (template, time, random); anything else must not become a path. */
export function isConvoyId(id: string): boolean {
  return /^[a-z0-9][a-z0-9-]*$/.test(id);
}
