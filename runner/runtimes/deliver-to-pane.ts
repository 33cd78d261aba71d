// Types a message into an agent's terminal and makes sure it was submitted: wait until the agent takes input,
// type short single lines as keys and paste anything long or multi-line, then press Enter until the screen
// shows the input line emptied. A message left sitting in the input line without its Enter is the most
// reported failure of tools like this one, so delivery is confirmed, not assumed.
import { sleep } from "../daemon/backoff.js";
import type { Delivery, InputProbe, PaneView } from "./runtime.js";
import { RuntimeError } from "./runtime.js";
import { paneTarget, type TmuxClient } from "./tmux-client.js";

/** Longest message typed as keys; longer or multi-line ones are pasted. */
const maxTypedLength = 200;
const enterAttempts = 4;

export async function deliverToPane(
  tmux: TmuxClient,
  name: string,
  message: string,
  probe: InputProbe,
  readyTimeoutMs: number,
): Promise<Delivery> {
  const target = paneTarget(name);
  const view = () => readView(tmux, name);
  await waitFor(
    async () => probe.ready((await view()).screen),
    readyTimeoutMs,
    () => {
      throw new RuntimeError(
        `the agent in ${name} did not show its input prompt within ${readyTimeoutMs} ms`,
        { name },
      );
    },
  );

  const before = await view();
  const method = message.includes("\n") || message.length > maxTypedLength ? "paste" : "keys";
  if (method === "keys") {
    await tmux.run(["send-keys", "-t", target, "-l", message]);
  } else {
    const buffer = `drover-${process.pid}-${Date.now()}`;
    await tmux.run(["load-buffer", "-b", buffer, "-"], message);
    // -p: a bracketed paste for agents that asked for one, so newlines stay inside the message.
    await tmux.run(["paste-buffer", "-p", "-d", "-b", buffer, "-t", target]);
  }
  // The agent draws what was typed; wait until the screen settles so the comparison below is fair.
  let typed = before;
  const typedAt = Date.now();
  await waitFor(
    async () => {
      const next = await view();
      const unchanged = next.screen === typed.screen;
      typed = next;
      // An agent that echoes nothing gets half a second, not the whole wait.
      return unchanged && (next.screen !== before.screen || Date.now() - typedAt > 500);
    },
    3_000,
    () => undefined,
  );

  for (let press = 1; press <= enterAttempts; press++) {
    await tmux.run(["send-keys", "-t", target, "Enter"]);
    let verdict: boolean | undefined = true;
    await waitFor(
      async () => {
        verdict = probe.holdsInput(await view(), typed);
        return verdict !== true;
      },
      2_000,
      () => undefined,
    );
    if (verdict !== true) return { method, enterPresses: press };
  }
  throw new RuntimeError(
    `the message was typed into ${name} but stayed in the agent's input line after ${enterAttempts} presses of Enter`,
    { name },
  );
}

export async function readView(tmux: TmuxClient, name: string): Promise<PaneView> {
  const target = paneTarget(name);
  const [screen, cursor] = await Promise.all([
    tmux.run(["capture-pane", "-p", "-t", target]),
    tmux.run(["display-message", "-p", "-t", target, "#{cursor_x} #{cursor_y}"]),
  ]);
  const [x, y] = cursor.trim().split(" ").map(Number);
  const cursorY = y ?? 0;
  return { screen, cursorX: x ?? 0, cursorY, cursorLine: screen.split("\n")[cursorY] ?? "" };
}

async function waitFor(
  check: () => Promise<boolean>,
  timeoutMs: number,
  onTimeout: () => void,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) return onTimeout();
    await sleep(50);
  }
}

/** For agents whose screen Drover does not know: ready once it shows anything; taken once the cursor line moved on. */
export const genericProbe: InputProbe = {
  ready: (screen) => screen.trim() !== "",
  holdsInput(view, typed) {
    if (typed.cursorLine.trim() === "") return undefined; // nothing was echoed: nothing to compare
    return view.cursorY === typed.cursorY && view.cursorLine === typed.cursorLine;
  },
};
