# Gemini Bridge Gateway image: SDK build stage, chiseled ASP.NET runtime (no shell, non-root).
# The publish command below is run verbatim by tests/Gateway.Tests/Deployment/PublishedGatewayTests.cs,
# so CI builds and starts exactly what this image would contain.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish gateway/Gateway/Gateway.csproj -c Release -o /app/publish -p:UseAppHost=false -p:IncludeSimulator=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled AS runtime
WORKDIR /app
COPY --from=build /app/publish .
# Chiseled images run as the non-root "app" user (uid 1654); say so explicitly for policy engines.
USER 1654
ENV ASPNETCORE_URLS=http://+:8080 \
    GATEWAY_CONFIG_DIR=/app/config \
    DOTNET_USE_POLLING_FILE_WATCHER=true \
    DOTNET_gcServer=0
EXPOSE 8080
ENTRYPOINT ["dotnet", "Gateway.dll"]
