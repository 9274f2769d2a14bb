import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { configReference } from "../../../src/config/config-reference.js";
import { configVariables, envExample, PROCESS_VARIABLES } from "../../../src/config/env-catalog.js";
import { appConfigRegistry, loadAppConfig } from "../../../src/jobs/load-app-config.js";

const ROOT = resolve(import.meta.dirname, "../../..");
const DEPLOY_CONFIG = "deploy/sightline.config.yaml";

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith(".ts") ? [path] : [];
  });
}

describe("the deployment files", () => {
  it(".env.example is what `sightline config env` generates for the deployment config", () => {
    const config = loadAppConfig(join(ROOT, DEPLOY_CONFIG), {});
    expect(readFileSync(join(ROOT, ".env.example"), "utf8")).toBe(envExample(config, DEPLOY_CONFIG));
    // Every secret the config names is in it, said where.
    const names = configVariables(config).map((v) => v.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "JIRA_API_TOKEN",
        "JIRA_WEBHOOK_SECRET",
        "GOOGLE_APPLICATION_CREDENTIALS",
        "ACTIONS_IMAP_PASSWORD",
        "SLACK_BOT_TOKEN",
        "SLACK_SIGNING_SECRET",
        "SMTP_URL",
      ]),
    );
  });

  it("docs/config-reference.md is what `sightline config reference` generates from the schemas", () => {
    const reference = configReference(appConfigRegistry());
    expect(readFileSync(join(ROOT, "docs/config-reference.md"), "utf8")).toBe(reference);
    // Every connector kind and section of this build has its table, with keys the loader accepts.
    for (const kind of ["jira", "sheets", "email", "file", "csv", "github", "slack"])
      expect(reference).toContain(`## Connector \`kind: ${kind}\``);
    for (const section of ["slack", "server", "email"]) expect(reference).toContain(`## \`${section}:\``);
    expect(reference).toContain("| `alerts.criticalDaysShort` | integer (≥ 1) | `14` |");
    expect(reference).toContain("| `webhookSecretEnv` | string |");
  });

  it("lists every variable the code reads, so the template cannot fall behind the sources", () => {
    const read = new Set<string>();
    for (const file of [...sources(join(ROOT, "src")), ...sources(join(ROOT, "connectors"))]) {
      for (const m of readFileSync(file, "utf8").matchAll(/\benv\.([A-Z][A-Z0-9_]+)/g)) read.add(m[1] ?? "");
    }
    expect(read.size).toBeGreaterThan(10);
    const listed = new Set(PROCESS_VARIABLES.map((v) => v.name));
    expect([...read].filter((n) => !listed.has(n)).sort()).toEqual([]);
  });

  it("compose passes .env to serve and worker, mounts the config, and the image runs as a non-root user on Node LTS", () => {
    const compose = parse(readFileSync(join(ROOT, "docker-compose.yml"), "utf8"), { merge: true }) as {
      services: Record<string, Record<string, unknown>>;
    };
    for (const name of ["serve", "worker"]) {
      const service = compose.services[name] ?? {};
      expect([name, service.env_file]).toEqual([name, [{ path: ".env", required: false }]]);
      // Compose interpolates this, not JavaScript.
      expect(service.volumes).toContain(["$", "{SIGHTLINE_CONFIG_DIR:-./deploy}:/config"].join(""));
      expect((service.environment as Record<string, string>).SIGHTLINE_CONFIG).toBe(
        "/config/sightline.config.yaml",
      );
      expect(service.healthcheck).toBeDefined();
      expect(service.depends_on).toEqual({
        redis: { condition: "service_healthy" },
        postgres: { condition: "service_healthy" },
      });
    }
    for (const name of ["postgres", "redis"]) expect(compose.services[name]?.healthcheck).toBeDefined();

    const dockerfile = readFileSync(join(ROOT, "Dockerfile"), "utf8");
    const bases = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((m) => m[1]);
    expect(bases).toEqual(["node:24-slim", "node:24-slim"]);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toContain("SIGHTLINE_CONFIG=/config/sightline.config.yaml");
    expect(dockerfile).toMatch(/chown node:node \/data \/config/);
  });
});
