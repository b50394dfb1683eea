# ASN API container image. Needs ASN_DATABASE_URL (postgresql+asyncpg://...) and ASN_JWT_SECRET
# (>= 32 random characters): with ASN_ENV=production the service refuses to start without them.
#
#   docker build -t asn-api .
#   docker run --rm -p 8000:8000 -e ASN_DATABASE_URL=... -e ASN_JWT_SECRET=... asn-api
#   docker run --rm -e ASN_DATABASE_URL=... -e ASN_JWT_SECRET=... asn-api migrate      # release step
#   printf '%s\n' "$PW" | docker run --rm -i -e ... asn-api users create --username admin --role admin --password-stdin

# --- builder: install the project and its dependencies into a self-contained venv -------------------
FROM python:3.11-slim AS builder
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
WORKDIR /build
# README.md is the package's long description (pyproject `readme`), so the build needs it.
COPY pyproject.toml README.md ./
COPY src ./src
RUN /opt/venv/bin/pip install --upgrade pip \
 && /opt/venv/bin/pip install .

# --- runtime: the venv, the migrations, an unprivileged user -----------------------------------------
FROM python:3.11-slim
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    ASN_ENV=production \
    ASN_LOG_FORMAT=json \
    ASN_MIGRATIONS_DIR=/app/migrations
RUN groupadd --system asn \
 && useradd --system --gid asn --home-dir /app --no-create-home --shell /usr/sbin/nologin asn
WORKDIR /app
COPY --from=builder /opt/venv /opt/venv
COPY migrations ./migrations
COPY alembic.ini ./
USER asn
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["python", "-c", "import sys, urllib.request; r = urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4); sys.exit(0 if r.status == 200 else 1)"]
ENTRYPOINT ["asn-api"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8000"]
