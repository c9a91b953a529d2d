# Migration Network Advisor: the bot alone (node dist/src/index.js), for hosts other than App Service.
# docker build -t migration-network-advisor . && docker run -p 3978:3978 --env-file bot.env migration-network-advisor
# Configuration: the variables of src/config.ts (docs/operator-guide.md). Run several containers only with STORAGE=blob.
# bot.env must set BOT_ID: without it the bot runs in local mode on 127.0.0.1, which nothing outside the container
# reaches (docs/operator-guide.md, Security model).

# --- build: all dependencies, compile TypeScript ---
FROM node:24-bookworm-slim AS build
WORKDIR /app
# .npmrc answers botbuilder-dialogs' postinstall prompt (npx rimraf) so npm ci never waits.
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/build.js ./scripts/build.js
COPY src ./src
RUN npm run build

# --- runtime: production dependencies only, non-root ---
FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3978 \
    STORAGE_DIR=/app/.data
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
# src/paths.ts finds the project root by package.json; the card templates are read from cards/ next to it.
COPY cards ./cards
COPY --from=build /app/dist ./dist
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 3978
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3978) + '/healthz').then(r => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/src/index.js"]
