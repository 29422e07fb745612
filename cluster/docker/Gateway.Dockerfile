# syntax=docker/dockerfile:1
# The standalone gateway image. Build from the repository root:
#   docker build -f cluster/docker/Gateway.Dockerfile -t broker-gateway:dev .
# It needs Gateway__PostgresConnectionString and Gateway__ClusterId to find the silos (cluster/k8s sets both).

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY Runtime/Runtime.csproj Runtime/
COPY Grains.Interfaces/Grains.Interfaces.csproj Grains.Interfaces/
COPY Gateway/Gateway.csproj Gateway/
RUN dotnet restore Gateway/Gateway.csproj
COPY Runtime/ Runtime/
COPY Grains.Interfaces/ Grains.Interfaces/
COPY Gateway/ Gateway/
RUN dotnet publish Gateway/Gateway.csproj -c Release --no-restore -o /app -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
ENV Gateway__AdminAddress=0.0.0.0 \
    Mqtt__ListenAddress=0.0.0.0 \
    DOTNET_NOLOGO=1
USER $APP_UID
# 1883 MQTT, 8883 MQTT over TLS, 8083 MQTT over WebSocket (/mqtt), 5672 AMQP, 5671 AMQP over TLS, 8081 admin
# HTTP (/healthz). TLS and AMQP are declared ahead of the gateway serving them.
EXPOSE 1883 8883 8083 5672 5671 8081
# No HEALTHCHECK: the runtime image has no HTTP client, and Kubernetes uses its own probes on /healthz (port 8081).
ENTRYPOINT ["dotnet", "Gateway.dll"]
