# CI's stand-in for the public postgres image (no registry is reachable): Debian's PostgreSQL
# with an entrypoint that honours the same contract docker-compose.yml relies on
# (POSTGRES_USER/_PASSWORD/_DB, *.sql in /docker-entrypoint-initdb.d on first start, data in
# /var/lib/postgresql/data, pg_isready on the PATH).
ARG DEBIAN_IMAGE
FROM ${DEBIAN_IMAGE}
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql-15 \
 && rm -rf /var/lib/apt/lists/*
ENV PATH=/usr/lib/postgresql/15/bin:$PATH PGDATA=/var/lib/postgresql/data
COPY postgres-entrypoint.sh /usr/local/bin/postgres-entrypoint
ENTRYPOINT ["/usr/local/bin/postgres-entrypoint"]
