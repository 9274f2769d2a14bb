import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createConnection } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { dirname, join } from "node:path";
import { freePort } from "./free-port.js";

/**
 * A real Dovecot IMAP server on 127.0.0.1 for the e-mail connector's tests: plaintext login for one user,
 * maildir storage, everything (config, mail, runtime sockets, log) inside one temp folder that stop()
 * removes. Dovecot comes from Debian's `dovecot-imapd` package (.ci/run installs it).
 *
 * It runs as the current user (https://doc.dovecot.org/2.3/admin_manual/running_dovecot_without_root/):
 * the internal and login users are that user, so nothing needs root. Started by root (CI), Dovecot refuses
 * to run its login processes as root, so they run as the `dovenull` and `dovecot` users the Debian package
 * creates, while mail is still accessed as root.
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
  /** Drops every connection of the test user, as a server restart or an admin would (`doveadm kick`). */
  kick(): void;
  stop(): Promise<void>;
}

/** `DOVECOT_BIN`, else `dovecot` on the PATH, else Debian's /usr/sbin/dovecot (not on a non-root PATH). */
function dovecotBinary(): string {
  const candidates = [process.env.DOVECOT_BIN, "dovecot", "/usr/sbin/dovecot"].filter(
    (c): c is string => c !== undefined && c !== "",
  );
  const found = candidates.find((c) => spawnSync(c, ["--version"], { stdio: "ignore" }).status === 0);
  if (found === undefined) {
    throw new Error(
      "dovecot is not installed: the e-mail connector's tests need a real IMAP server " +
        "(apt-get install dovecot-imapd, as .ci/run does, or set DOVECOT_BIN)",
    );
  }
  return found;
}

function configText(dir: string, port: number, users: Accounts): string {
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
# Tests try a wrong password on purpose; the default 2 s penalty would only slow them down.
auth_failure_delay = 0
log_path = ${dir}/dovecot.log
info_log_path = ${dir}/dovecot.log
default_internal_user = ${users.internal}
default_internal_group = ${users.group}
default_login_user = ${users.login}
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
# Nor should one failed login delay the next ones from the same IP: auth penalty off, as
# https://doc.dovecot.org/2.3/configuration_manual/authentication/auth_penalty/ shows.
service anvil {
  # Only root may chroot; a test server has nothing to hide from itself.
  chroot =
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
service imap-login {
  chroot =
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

interface Accounts {
  internal: string;
  login: string;
  group: string;
  /** Whom mail is read and written as: Dovecot refuses UID 0 for mail users. */
  mail: { uid: number; gid: number };
}

/** Unprivileged users for Dovecot's processes: the current user, or the package's users when root. */
function accounts(): Accounts {
  const me = userInfo();
  if (me.uid !== 0) {
    return {
      internal: me.username,
      login: me.username,
      group: groupName(me.gid),
      mail: { uid: me.uid, gid: me.gid },
    };
  }
  const entry = readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .map((l) => l.split(":"))
    .find((f) => f[0] === "dovecot");
  if (!entry) throw new Error("running as root but the dovecot user is missing: install dovecot-imapd");
  return {
    internal: "dovecot",
    login: "dovenull",
    group: "dovecot",
    mail: { uid: Number(entry[2]), gid: Number(entry[3]) },
  };
}

async function greeting(port: number): Promise<string | null> {
  return new Promise<string | null>((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(null);
    }, 1000);
    socket.once("data", (data) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(data.toString("utf8"));
    });
    socket.once("error", () => {
      clearTimeout(timer);
      resolve(null);
    });
  });
}

async function waitForGreeting(port: number, child: ChildProcess, logs: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`dovecot exited with code ${child.exitCode} before listening:\n${logs()}`);
    }
    if ((await greeting(port))?.startsWith("* OK")) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`dovecot did not greet on 127.0.0.1:${port} within 10 s:\n${logs()}`);
}

/** Starts Dovecot with one user (`test` / a random password) on a free loopback port. */
export async function startDovecot(): Promise<DovecotServer> {
  const binary = dovecotBinary();
  const dir = mkdtempSync(join(tmpdir(), "sightline-dovecot-"));
  // The login processes (another user when started by root) must reach base_dir's sockets.
  chmodSync(dir, 0o755);
  for (const sub of ["run", "state", "mail", "home"]) mkdirSync(join(dir, sub));
  const users = accounts();
  for (const sub of ["mail", "home"]) chownSync(join(dir, sub), users.mail.uid, users.mail.gid);
  const user = "test";
  const password = `pw-${Math.random().toString(36).slice(2, 10)}`;
  // passwd-file: user:password:uid:gid:(gecos):home:(shell):extra fields.
  writeFileSync(
    join(dir, "users"),
    `${user}:{PLAIN}${password}:${users.mail.uid}:${users.mail.gid}::${dir}/home/${user}::\n`,
  );
  const port = await freePort();
  const confPath = join(dir, "dovecot.conf");
  writeFileSync(confPath, configText(dir, port, users));
  const logPath = join(dir, "dovecot.log");
  const log = () => {
    try {
      return readFileSync(logPath, "utf8");
    } catch {
      return "(no log written)";
    }
  };
  let stderr = "";
  const child = spawn(binary, ["-F", "-c", confPath], { stdio: ["ignore", "ignore", "pipe"] });
  child.stderr?.on("data", (d: Buffer) => {
    stderr += d.toString("utf8");
  });
  // A spawn failure is an 'error' event; waitForGreeting then sees the exit and reports the log.
  child.on("error", (error) => {
    stderr += `\n${error.message}`;
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
    kick() {
      // https://manpages.debian.org/bookworm/dovecot-core/doveadm-kick.1.en.html
      const doveadm = join(dirname(binary), "doveadm");
      const kicked = spawnSync(existsSync(doveadm) ? doveadm : "doveadm", ["-c", confPath, "kick", user], {
        encoding: "utf8",
      });
      if (kicked.status !== 0)
        throw new Error(`doveadm kick failed: ${kicked.stderr || kicked.error?.message}`);
    },
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
