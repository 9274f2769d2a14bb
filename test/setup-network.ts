import "./support/node20-promise-polyfill.js";
import nock from "nock";

// Tests never reach the network; loopback stays open for the real servers tests start.
nock.disableNetConnect();
nock.enableNetConnect(
  (host) => host.startsWith("127.0.0.1") || host.startsWith("localhost") || host.startsWith("[::1]"),
);
