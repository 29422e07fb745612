# syntax=docker/dockerfile:1
# The silo image. Build from the repository root (the context must be the root: the projects reference each other):
#   docker build -f cluster/docker/Silo.Dockerfile -t broker-silo:dev .
# Run alone it is the embedded broker (one silo, co-hosted MQTT gateway, SQLite in /var/lib/broker):
#   docker run --rm -p 1883:1883 -p 8080:8080 broker-silo:dev
# In a cluster it gets Broker__PostgresConnectionString, Broker__ListenAddress=0.0.0.0 and
# Broker__AdvertisedAddress=<its reachable IP> (cluster/k8s sets these from the pod).

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore from the project files alone, so a source change does not invalidate the package layer.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY Runtime/Runtime.csproj Runtime/
COPY Grains.Interfaces/Grains.Interfaces.csproj Grains.Interfaces/
COPY Grains/Grains.csproj Grains/
COPY Gateway/Gateway.csproj Gateway/
COPY Silo/Silo.csproj Silo/
RUN dotnet restore Silo/Silo.csproj
COPY Runtime/ Runtime/
COPY Grains.Interfaces/ Grains.Interfaces/
COPY Grains/ Grains/
COPY Gateway/ Gateway/
COPY Silo/ Silo/
RUN dotnet publish Silo/Silo.csproj -c Release --no-restore -o /app -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# The image's "app" user ($APP_UID, 1654) owns the data folder; the application files stay root-owned and read-only.
RUN mkdir -p /var/lib/broker && chown "$APP_UID:$APP_UID" /var/lib/broker
ENV Broker__DataDirectory=/var/lib/broker \
    Broker__AdminAddress=0.0.0.0 \
    Mqtt__ListenAddress=0.0.0.0 \
    DOTNET_NOLOGO=1
VOLUME ["/var/lib/broker"]
USER $APP_UID
# 11111 silo-to-silo, 30000 gateway-to-silo, 8080 admin HTTP (/healthz, /status), 1883 MQTT and 8083 MQTT over
# WebSocket of the co-hosted gateway (off in a cluster: Mqtt__Enabled=false).
EXPOSE 11111 30000 8080 1883 8083
# No HEALTHCHECK: the runtime image has no HTTP client, and Kubernetes uses its own probes on /healthz (port 8080).
ENTRYPOINT ["dotnet", "Silo.dll"]
