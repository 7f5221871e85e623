# scour: one image for every role (producer, worker, dashboard); the command picks the role.
# Build: docker build -t scour .   Run the whole topology: docker compose up (see docker-compose.yml).

FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
# Scripts off: "prepare" would build before the sources are copied. msgpackr's native
# extension ships prebuilt, and msgpackr falls back to plain JS without it.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

FROM node:20-slim
ENV NODE_ENV=production \
    SCOUR_DATA_DIR=/data
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY bin ./bin
# The image's /data is owned by the unprivileged "node" user (uid 1000), so a named volume
# mounted there starts with the same owner.
RUN mkdir -p /data/inbox /data/raw /data/out && chown -R node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
# Every role: /healthz for start and dashboard, Redis answering for worker and producer.
HEALTHCHECK --interval=15s --timeout=10s --start-period=20s --retries=3 CMD ["node", "bin/scour.js", "healthcheck"]
ENTRYPOINT ["node", "bin/scour.js"]
CMD ["start"]
