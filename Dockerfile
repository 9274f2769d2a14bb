# syntax=docker/dockerfile:1
# Sightline for distributed mode: one image, two commands (`serve` by default, `worker` in docker-compose.yml).
# The SQLite file lives on the /data volume; REDIS_URL points at the shared Redis.

FROM node:20-slim AS build
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

FROM node:20-slim
ENV NODE_ENV=production \
    SIGHTLINE_CONFIG=/app/sightline.config.yaml \
    SIGHTLINE_DB=/data/sightline.db \
    SIGHTLINE_HOST=0.0.0.0 \
    SIGHTLINE_PORT=3000
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
# Read at run time: migrations (found by walking up from dist/src/store), the config and what it points to.
COPY --from=build /app/drizzle ./drizzle
COPY --from=build /app/drizzle-pg ./drizzle-pg
COPY --from=build /app/sightline.config.yaml ./
COPY --from=build /app/fixtures ./fixtures
COPY --from=build /app/mappings ./mappings
# A named volume mounted here starts with this ownership, so the unprivileged user can create the database.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
# Node forwards SIGTERM to the process itself (no shell in between): serve and worker shut down gracefully.
CMD ["node", "bin/sightline.js", "serve"]
