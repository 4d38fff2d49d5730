# syntax=docker/dockerfile:1.7
# Production image of the API. One image, two commands: `serve` (default) and `worker`; `migrate up` runs
# migrations as a one-off job. Node 24 LTS: there AsyncLocalStorage (which @openai/agents uses) no longer hooks
# every promise, and the same chat load costs ~40% less CPU than on Node 20 (see the README). The packages
# still support Node >= 20.19: `--build-arg NODE_VERSION=22` builds on an older LTS.
ARG NODE_VERSION=24

FROM node:${NODE_VERSION}-slim AS base
ENV PNPM_HOME=/pnpm PATH=/pnpm:$PATH COREPACK_ENABLE_DOWNLOAD_PROMPT=0
RUN corepack enable pnpm
WORKDIR /repo

FROM base AS build
COPY pnpm-lock.yaml pnpm-workspace.yaml package.json ./
RUN pnpm fetch
COPY . .
RUN pnpm install --frozen-lockfile --offline \
 && pnpm exec turbo run build --filter=@starter/api... \
 && pnpm deploy --filter=@starter/api --prod --legacy /out

FROM node:${NODE_VERSION}-slim AS runtime
ENV NODE_ENV=production ENVIRONMENT=production HOST=0.0.0.0 PORT=8000
WORKDIR /app
COPY --from=build --chown=node:node /out ./
USER node
EXPOSE 8000
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "dist/main.js"]
CMD ["serve"]
