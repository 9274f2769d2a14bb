import {
  type Action,
  type Directory,
  DirectorySchema,
  fromDayNumber,
  type Kpi,
  KpiSchema,
  toDayNumber,
} from "../../src/model/index.js";

export interface GraphOptions {
  actions: number;
  /** Dependencies per action outside the first layer (default 2). */
  depsPerAction?: number;
  /** Actions per layer (default 1000): depth grows with size, as in a real portfolio. */
  layerWidth?: number;
  seed?: number;
  /** Share of actions whose due date slipped past its baseline (default 0.001). */
  slipRate?: number;
}

export interface GeneratedGraph {
  actions: Action[];
  directory: Directory;
  kpis: Kpi[];
  today: string;
  /** Resolved dependency edges as action indices (dependency → dependent), for picking bench targets. */
  edgeFrom: Int32Array;
  edgeTo: Int32Array;
  layerWidth: number;
}

/**
 * A flat copy of a string. Template literals build V8 cons strings, which the first hash lookup must
 * flatten; strings read from SQLite or JSON arrive flat, so the bench data should too.
 */
function flat(s: string): string {
  return Buffer.from(s, "latin1").toString("latin1");
}

/** Mulberry32: small, fast, deterministic. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INSTANCES = [
  { source: { kind: "jira", instance: "jira-eng" }, prefix: "ENG", host: "https://acme.atlassian.net" },
  { source: { kind: "jira", instance: "jira-ops" }, prefix: "OPS", host: "https://acme-ops.atlassian.net" },
  { source: { kind: "sheets", instance: "mkt-plan" }, prefix: "MKT", host: null },
] as const;
const PEOPLE = 2000;
const KPIS = 50;
const TEAMS = ["Engineering", "Marketing", "Operations", "Risk", "Design"];
const LAYER_SPACING = 4;
const NO_MIRRORS: string[] = [];

/**
 * A layered portfolio: each action after the first layer depends on `depsPerAction` actions of earlier
 * layers (mostly the previous one), through hub ids, native keys or Jira URLs. Dates leave 0–2 days of
 * slack per layer, a few due dates slipped (so schedule conflicts propagate a few layers), and a few
 * owners, KPIs and refs are broken the way real data is. Deterministic for a given seed.
 */
export function generateLayeredGraph(opts: GraphOptions): GeneratedGraph {
  const n = opts.actions;
  const width = opts.layerWidth ?? 1000;
  const perAction = opts.depsPerAction ?? 2;
  const slipRate = opts.slipRate ?? 0.001;
  const random = rng(opts.seed ?? 42);
  const pick = (k: number) => Math.floor(random() * k);
  const people = Array.from({ length: PEOPLE }, (_, i) => ({
    id: `p${i}`,
    name: `Person ${i}`,
    emails: [`person${i}@example.com`],
    aliases: [`p-${i}`],
    slackUserId: `U${100000 + i}`,
    jiraAccountId: `acct-${i}`,
    team: TEAMS[i % TEAMS.length],
  }));
  const directory = DirectorySchema.parse({
    people,
    teams: TEAMS.map((name) => ({ name, businessUnit: name === "Marketing" ? "Growth" : "Platform" })),
  });
  const kpis = Array.from({ length: KPIS }, (_, i) =>
    KpiSchema.parse({
      key: `kpi-${i}`,
      name: `KPI ${i}`,
      objective: `Objective ${i % 10}`,
      owner: `p${i}`,
      costOfDelayPerDay: 500 + 100 * i,
    }),
  );
  const kpiLists = kpis.map((k) => [k.key]);
  const owners: (string | null)[] = people.flatMap((p, i) => [
    p.emails[0]!,
    p.emails[0]!,
    p.emails[0]!,
    p.name,
    `<@${p.slackUserId}>`,
    i % 2 === 0 ? p.jiraAccountId : `@p-${i}`,
  ]);
  const dates = new Map<number, string>();
  const date = (day: number) => {
    let s = dates.get(day);
    if (s === undefined) {
      s = fromDayNumber(day);
      dates.set(day, s);
    }
    return s;
  };
  const base = toDayNumber("2026-02-02");
  const ids: string[] = [];
  const keys: string[] = [];
  const dues: number[] = [];
  const actions: Action[] = [];
  const from: number[] = [];
  const to: number[] = [];
  for (let i = 0; i < n; i++) {
    const layer = Math.floor(i / width);
    const inst = INSTANCES[i % INSTANCES.length]!;
    const key = flat(`${inst.prefix}-${i}`);
    const id = flat(`${inst.source.instance}:${key}`);
    ids.push(id);
    keys.push(key);
    const start = base + layer * LAYER_SPACING + 1 + pick(2);
    const due = start + pick(2);
    const slipped = random() < slipRate ? due + 2 + pick(7) : due;
    dues.push(slipped);
    const dependsOn: Action["dependsOn"] = [];
    if (layer > 0) {
      const chosen = new Set<number>();
      for (let d = 0; d < perAction; d++) {
        const back = random() < 0.8 ? 1 : 2 + pick(Math.min(3, layer - 1) || 1);
        const l = Math.max(0, layer - back);
        const target = l * width + pick(width);
        if (target >= i || chosen.has(target)) continue;
        chosen.add(target);
        from.push(target);
        to.push(i);
        const r = random();
        const tInst = INSTANCES[target % INSTANCES.length]!;
        const ref =
          r < 0.8
            ? `${tInst.source.instance}:${keys[target]}`
            : r < 0.95 || tInst.host === null
              ? `${keys[target]}`
              : `${tInst.host}/browse/${keys[target]}`;
        dependsOn.push({ ref: flat(ref), type: "FS", lagDays: 0 });
      }
      if (random() < 0.0005) dependsOn.push({ ref: `GONE-${i}`, type: "FS", lagDays: 0 });
    }
    const k = random();
    actions.push({
      id,
      source: inst.source,
      nativeKey: key,
      url: inst.host === null ? null : flat(`${inst.host}/browse/${key}`),
      title: flat(`Work item ${i}`),
      status: k < 0.1 ? "in_progress" : "todo",
      ownerRaw: random() < 0.01 ? TEAMS[pick(TEAMS.length)]! : owners[pick(owners.length)]!,
      team: TEAMS[i % TEAMS.length]!,
      businessUnit: null,
      program: null,
      start: date(start),
      due: date(slipped),
      kpis: k < 0.01 ? [] : k < 0.011 ? ["kpi-unknown"] : kpiLists[pick(KPIS)]!,
      dependsOn,
      mirrors: NO_MIRRORS,
      sourceUpdatedAt: null,
      owner: null,
      baselineDue: date(due),
      syncedAt: "2026-01-12T09:00:00.000Z",
      contentHash: "bench",
      removedAt: null,
    });
  }
  return {
    actions,
    directory,
    kpis,
    today: "2026-01-12",
    edgeFrom: Int32Array.from(from),
    edgeTo: Int32Array.from(to),
    layerWidth: width,
  };
}
