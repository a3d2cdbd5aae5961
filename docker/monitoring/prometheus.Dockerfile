# Prometheus for the `monitoring` profile, from Debian's own package (bookworm: Prometheus 2.42).
# Built from the same Debian base as the app's image rather than pulled, so the profile works
# where only Debian's archive is reachable.
ARG DEBIAN_IMAGE=debian:bookworm-slim
FROM ${DEBIAN_IMAGE}
RUN apt-get update \
  && apt-get install -y --no-install-recommends prometheus ca-certificates \
  && rm -rf /var/lib/apt/lists/* \
  && mkdir -p /prometheus && chown prometheus:prometheus /prometheus
COPY prometheus.yml /etc/prometheus/prometheus.yml
COPY prometheus-entrypoint.sh /usr/local/bin/prometheus-entrypoint
USER prometheus
EXPOSE 9090
ENTRYPOINT ["sh", "/usr/local/bin/prometheus-entrypoint"]
