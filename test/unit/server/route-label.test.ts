import { describe, expect, it } from "vitest";
import { routeLabel } from "../../../src/server/route-label.js";

describe("the route a request is counted under", () => {
  it("keeps a bounded set of labels whatever the URL", () => {
    expect(routeLabel("/healthz", 200)).toBe("/healthz");
    expect(routeLabel("/", 302)).toBe("/");
    expect(routeLabel("/webhooks/jira/jira-eng", 202)).toBe("/webhooks/jira/:instance");
    expect(routeLabel("/webhooks/Évil kind/x", 400)).toBe("/webhooks/:param/:instance");
    expect(routeLabel("/api/conflicts/schedule:jira-eng:PAY-142", 200)).toBe("/api/conflicts/*");
    expect(routeLabel("/api/kpis", 200)).toBe("/api/kpis");
    expect(routeLabel("/conflicts/abc123", 200)).toBe("/conflicts/*");
    expect(routeLabel("/admin/queues/api/queues", 200, ["/admin/queues"])).toBe("/admin/queues");
    expect(routeLabel("/anything/at/all", 404)).toBe("unmatched");
    expect(routeLabel(`/${"A".repeat(50)}`, 200)).toBe("/:param");
  });
});
