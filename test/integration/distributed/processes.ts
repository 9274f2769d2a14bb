import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { waitFor } from "../queue/harness.js";

const ROOT = resolve(import.meta.dirname, "../../..");

export interface SightlineProcess {
  name: string;
  child: ChildProcess;
  /** stderr and stdout as they came, for waiting on a line and for the failure message. */
  output(): string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

/** `sightline <args>` as its own OS process (tsx, as `npm run sightline` runs it). */
export function startSightline(
  name: string,
  args: string[],
  env: Record<string, string | undefined>,
  cwd: string,
): SightlineProcess {
  // tsx by its file: the process runs in the test's folder, where `--import tsx` would not resolve.
  const tsx = pathToFileURL(join(ROOT, "node_modules", "tsx", "dist", "loader.mjs")).href;
  const child = spawn(process.execPath, ["--import", tsx, join(ROOT, "src", "cli", "run.ts"), ...args], {
    cwd,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  child.stdout?.on("data", (d: Buffer) => {
    text += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    text += d.toString();
  });
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  return {
    name,
    child,
    output: () => text,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}

export async function waitForLine(p: SightlineProcess, line: string, timeoutMs = 30_000): Promise<void> {
  await waitFor(
    `${p.name} to say "${line}" (so far: ${p.output().slice(-400)})`,
    () => {
      if (p.child.exitCode !== null) throw new Error(`${p.name} exited ${p.child.exitCode}:\n${p.output()}`);
      return p.output().includes(line);
    },
    timeoutMs,
  );
}

/** A port nothing listens on right now, on loopback. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const address = server.address();
  await new Promise((r) => server.close(r));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}
