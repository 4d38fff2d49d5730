# syntax=docker/dockerfile:1.7
# Production image of the API. One image, two commands: `serve` (default) and `worker`; `migrate up` runs
# migrations as a one-off job. Node 22 LTS by default; Node 24 streams agent runs faster (AsyncLocalStorage no
# longer slows every promise there): build with `--build-arg NODE_VERSION=24` to use it.
ARG NODE_VERSION=22

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
