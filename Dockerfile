# PayCenter's image for docker-compose.yml (docs/deploy/README.md): one image, two roles — the web node
# (default command, the production bundle with WORKER_MODE=separate) and the job worker
# (`node --import tsx scripts/worker.ts`). Migrations run once per release (the `migrate` service).
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY . .
# `npm ci` refuses a lockfile without the non-Linux optional packages; `npm install` keeps the lockfile as it is.
RUN npm install --no-audit --no-fund && npm run build

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 WORKER_MODE=separate
COPY --from=build /app /app
EXPOSE 3000
HEALTHCHECK --interval=5s --timeout=2s --retries=2 CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/server.mjs"]
