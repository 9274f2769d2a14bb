import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";

/**
 * A real Dovecot IMAP server on 127.0.0.1 for the e-mail connector's tests: plaintext login for one user,
 * maildir storage, everything (config, mail, runtime sockets, log) inside one temp folder that stop()
 * removes. Dovecot comes from Debian's `dovecot-imapd` package (.ci/run installs it).
 *
 * It runs as the current user (https://doc.dovecot.org/2.3/admin_manual/running_dovecot_without_root/):
 * the internal and login users are that user, so nothing needs root, and root works too on CI.
 */
export interface DovecotServer {
  host: string;
  port: number;
  user: string;
  password: string;
  /** The folder holding config, mail and log; gone after stop(). */
  dir: string;
  /** The server's log, to explain a failing test. */
  log(): string;
  stop(): Promise<void>;
}

const DOVECOT = process.env.DOVECOT_BIN ?? "dovecot";

export function dovecotAvailable(): boolean {
  return spawnSync(DOVECOT, ["--version"], { stdio: "ignore" }).status === 0;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function configText(dir: string, port: number, user: string, group: string): string {
  // https://doc.dovecot.org/2.3/settings/core/ for each setting below.
  return `
base_dir = ${dir}/run
state_dir = ${dir}/state
instance_name = sightline-test-${port}
listen = 127.0.0.1
protocols = imap
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
log_path = ${dir}/dovecot.log
info_log_path = ${dir}/dovecot.log
default_internal_user = ${user}
default_internal_group = ${group}
default_login_user = ${user}
first_valid_uid = 0
first_valid_gid = 0
mail_location = maildir:${dir}/mail/%u
mail_home = ${dir}/home/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = passwd-file
  args = username_format=%u ${dir}/users
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
`;
}

function groupName(gid: number): string {
  const line = readFileSync("/etc/group", "utf8")
    .split("\n")
    .find((l) => l.split(":")[2] === String(gid));
  return line?.split(":")[0] ?? String(gid);
}

async function waitForGreeting(port: number, child: ChildProcess, logFile: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  let lastError = "no answer";
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`dovecot exited with code ${child.exitCode} before listening:\n${logFile()}`);
    }
    const greeting = await new Promise<string | null>((resolve) => {
      const socket = createConnection({ host: "127.0.0.1", port });
      socket.setTimeout(1000);
      socket.once("data", (data) => {
        socket.destroy();
        resolve(data.toString("utf8"));
      });
      socket.once("error", (error) => {
        lastError = error.message;
        resolve(null);
      });
      socket.once("timeout", () => {
        socket.destroy();
        resolve(null);
      });
    });
    if (greeting?.startsWith("* OK")) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`dovecot did not greet on 127.0.0.1:${port} within 10 s (${lastError}):\n${logFile()}`);
}

/** Starts Dovecot with one user (`test` / a random password) on a free loopback port. */
export async function startDovecot(): Promise<DovecotServer> {
  const dir = mkdtempSync(join(tmpdir(), "sightline-dovecot-"));
  for (const sub of ["run", "state", "mail", "home"]) mkdirSync(join(dir, sub));
  const me = userInfo();
  const user = "test";
  const password = `pw-${Math.random().toString(36).slice(2, 10)}`;
  // passwd-file: user:password:uid:gid:(gecos):home:(shell):extra fields.
  writeFileSync(join(dir, "users"), `${user}:{PLAIN}${password}:${me.uid}:${me.gid}::${dir}/home/${user}::\n`);
  const port = await freePort();
  const confPath = join(dir, "dovecot.conf");
  writeFileSync(confPath, configText(dir, port, me.username, groupName(me.gid)));
  const logPath = join(dir, "dovecot.log");
  const log = () => {
    try {
      return readFileSync(logPath, "utf8");
    } catch {
      return "(no log written)";
    }
  };
  let stderr = "";
  const child = spawn(DOVECOT, ["-F", "-c", confPath], { stdio: ["ignore", "ignore", "pipe"] });
  child.stderr?.on("data", (d: Buffer) => {
    stderr += d.toString("utf8");
  });
  const logs = () => `${log()}${stderr ? `\nstderr: ${stderr}` : ""}`;
  try {
    await waitForGreeting(port, child, logs);
  } catch (error) {
    child.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  return {
    host: "127.0.0.1",
    port,
    user,
    password,
    dir,
    log: logs,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
