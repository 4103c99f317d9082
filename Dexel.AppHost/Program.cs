using Dexel.AppHost.Infrastructure;
using Dexel.AppHost.Orchestration;
using Microsoft.Extensions.DependencyInjection;

// aspire-manifest.json is this model published (eng/manifest.sh); CI fails when they differ.
var builder = DistributedApplication.CreateBuilder(args);

// Postgres, Redis, Kafka, ClickHouse and the object store run as containers (the default, and what
// the manifest describes), or are the servers eng/servers.sh started on a machine without a
// container engine: `--LocalServers .local/servers.json` (eng/run.sh).
var infrastructure = builder.Configuration["LocalServers"] is { Length: > 0 } localServers
    ? builder.AddLocalServers(localServers)
    : builder.AddContainerInfrastructure();

// Signs media URLs; every streaming replica must share it, and the gateway checks it too.
var mediaSigningKey = builder.AddSecret("media-signing-key", minLength: 43);

// Services. Every one validates tokens against auth's JWKS (http://auth, or the copy auth shares
// in Redis) and checks the token's session in Redis, so each references auth and Redis; they
// do not wait for auth, because they fetch the keys lazily.
var auth = builder.AddProject<Projects.Dexel_Auth>("auth")
    .WithReference(infrastructure.AuthDb)
    .WithReference(infrastructure.Redis)
    .WithReference(infrastructure.Kafka)
    .WithHttpHealthCheck("/health");

var streaming = builder.AddProject<Projects.Dexel_Streaming>("streaming")
    .WithReference(infrastructure.CatalogDb)
    .WithReference(infrastructure.Redis)
    .WithReference(infrastructure.Kafka)
    .WithReference(infrastructure.ObjectStore)
    .WithReference(auth)
    .WithEnvironment("Streaming__SigningKey", mediaSigningKey)
    .WithHttpHealthCheck("/health");

var playlist = builder.AddProject<Projects.Dexel_Playlist>("playlist")
    .WithReference(infrastructure.PlaylistDb)
    .WithReference(infrastructure.Redis)
    .WithReference(infrastructure.Kafka)
    .WithReference(auth)
    .WithHttpHealthCheck("/health");

var analytics = builder.AddProject<Projects.Dexel_Analytics>("analytics")
    .WithReference(infrastructure.ClickHouse)
    .WithReference(infrastructure.Redis)
    .WithReference(infrastructure.Kafka)
    .WithReference(auth)
    .WithHttpHealthCheck("/health");

var voice = builder.AddProject<Projects.Dexel_Voice>("voice")
    .WithReference(infrastructure.VoiceDb)
    .WithReference(infrastructure.Redis)
    .WithReference(infrastructure.Kafka)
    .WithReference(auth)
    .WithReference(playlist)
    .WithReference(streaming)
    .WithReference(analytics)
    .WithHttpHealthCheck("/health");

// The only service clients reach.
builder.AddProject<Projects.Dexel_Gateway>("gateway")
    .WithExternalHttpEndpoints()
    .WithReference(infrastructure.Redis)
    .WithReference(auth)
    .WithReference(streaming)
    .WithReference(playlist)
    .WithReference(analytics)
    .WithReference(voice)
    .WithEnvironment("Media__SigningKey", mediaSigningKey)
    .WithHttpHealthCheck("/health")
    .AnnounceWhenReady();

// A crashed service comes back by itself in a local run, as under Kubernetes.
if (builder.ExecutionContext.IsRunMode) builder.Services.AddHostedService<CrashedServiceRestarter>();

builder.Build().Run();
