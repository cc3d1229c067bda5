# One image for every server process of Chessboard; the command picks the process
# (docker-compose.yml runs the split ones):
#   node dist/apps/api/src/main.js               all in one: GraphQL, projector, reminders (the default)
#   node dist/apps/api/src/main.js --api-only    GraphQL only (npm run start:api)
#   node dist/apps/worker/src/main.js            projector + BullMQ reminder jobs (npm run start:worker)
# Configuration is the environment (docs/deployment.md).

FROM node:20 AS build
WORKDIR /app
# Dependencies first: this layer is reused until package*.json change. The full node:20
# image has the compiler better-sqlite3 falls back to when no prebuilt binary fits.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# The server (tsc) and the board (vite, served by the API at /), then only what runs.
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# Same Debian release and Node ABI as the build stage, so the native modules built there load here.
FROM node:20-slim
ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/app/data
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/web/dist ./web/dist
# DATA_DIR: the SQLite files of the embedded mode and the generated JWT secret.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME ["/app/data"]
EXPOSE 3000
CMD ["node", "--max-old-space-size=256", "dist/apps/api/src/main.js"]
