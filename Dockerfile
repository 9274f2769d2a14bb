# syntax=docker/dockerfile:1
# Sightline for distributed mode: one image, two commands (`serve` by default, `worker` in docker-compose.yml).
# The config is mounted at /config (docker-compose.yml mounts deploy/); nothing of the demo is the default.
# The SQLite file of a single-container setup lives on the /data volume; compose uses PostgreSQL instead.
# Node 24: the active LTS line (Node 20 reached end of life on 30 April 2026).

FROM node:24-slim AS build
WORKDIR /app
# better-sqlite3 ships prebuilt binaries for this platform; the toolchain is the fallback when none matches.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
# tsc to dist/ (bin/sightline.js runs dist/src/cli/run.js when it exists), then only production dependencies.
RUN npm run build && npm prune --omit=dev

FROM node:24-slim
ENV NODE_ENV=production \
    SIGHTLINE_CONFIG=/config/sightline.config.yaml \
    SIGHTLINE_DB=/data/sightline.db \
    SIGHTLINE_HOST=0.0.0.0 \
    SIGHTLINE_PORT=3000
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
# Read at run time: migrations (found by walking up from dist/src/store).
COPY --from=build /app/drizzle ./drizzle
COPY --from=build /app/drizzle-pg ./drizzle-pg
# The demo stays runnable (`docker run --rm sightline:local --config /app/sightline.config.yaml demo`), read-only
# (its database goes to SIGHTLINE_DB on /data); it is never the default config.
COPY --from=build /app/sightline.config.yaml ./
COPY --from=build /app/fixtures ./fixtures
COPY --from=build /app/mappings ./mappings
# Named volumes mounted here start with this ownership, so the unprivileged user (node, uid 1000) can create
# the database and save mappings. A bind-mounted /config must be writable by uid 1000 for the editor.
RUN mkdir -p /data /config && chown node:node /data /config
USER node
VOLUME ["/data"]
EXPOSE 3000
# Node forwards SIGTERM to the process itself (no shell in between): serve and worker shut down gracefully.
CMD ["node", "bin/sightline.js", "serve"]
