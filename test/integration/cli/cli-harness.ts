import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Io } from "../../../src/cli/cli-context.js";
import { main } from "../../../src/cli/main.js";

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs the real CLI in-process with captured output, on the repo's demo config and a fresh database file. */
export async function runCli(args: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
  let out = "";
  let err = "";
  const io: Io = {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    isTty: false,
    env: { ...env },
  };
  process.exitCode = 0;
  const code = await main(args, io);
  process.exitCode = 0;
  return { code, out, err };
}

export function freshDb(): string {
  return join(mkdtempSync(join(tmpdir(), "sightline-cli-")), "sightline.db");
}
