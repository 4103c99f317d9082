// aspire-manifest.json is this model published (`--publisher manifest`). It is kept in step by hand
// where the Aspire packages can't be restored; tests/Dexel.Manifest.Tests compare the two.
var builder = DistributedApplication.CreateBuilder(args);

// Secrets. Generated on first run and kept in the AppHost's user secrets (persist), so F5 needs no
// setup and the data volumes keep working with the same credentials; deployment tools generate
// their own from the manifest. No special characters: the values end up inside connection strings.
var postgresPassword = AddSecret("postgres-password", minLength: 22);
var clickHousePassword = AddSecret("clickhouse-password", minLength: 22);
var minioUser = AddSecret("minio-user", minLength: 12);
var minioPassword = AddSecret("minio-password", minLength: 22);
// Signs media URLs; every streaming replica must share it.
var mediaSigningKey = AddSecret("media-signing-key", minLength: 43);

var postgres = builder.AddPostgres("postgres", password: postgresPassword)
    .WithDataVolume()
    .WithPgAdmin();
var authDb = postgres.AddDatabase("authdb");
var playlistDb = postgres.AddDatabase("playlistdb");
var catalogDb = postgres.AddDatabase("catalogdb");
var voiceDb = postgres.AddDatabase("voicedb");

// AddRedis generates its own "redis-password" parameter.
var redis = builder.AddRedis("redis")
    .WithDataVolume();

var kafka = builder.AddKafka("kafka")
    .WithKafkaUI()
    .WithDataVolume();

// ClickHouse and MinIO have no first-party hosting integration: plain containers, plus a
// connection-string resource each in the form the services' clients read. The registry is
// spelled out because some engines (podman) refuse short image names.
var clickHouseServer = builder.AddContainer("clickhouse-server", "clickhouse/clickhouse-server", "25.8")
    .WithImageRegistry("docker.io")
    .WithHttpEndpoint(targetPort: 8123, name: "http")
    .WithEnvironment("CLICKHOUSE_DB", "analytics")
    .WithEnvironment("CLICKHOUSE_USER", "default")
    .WithEnvironment("CLICKHOUSE_PASSWORD", clickHousePassword)
    .WithEnvironment("CLICKHOUSE_DEFAULT_ACCESS_MANAGEMENT", "1")
    .WithHttpHealthCheck("/ping", endpointName: "http");
clickHouseServer.WithVolume(VolumeNameGenerator.Generate(clickHouseServer, "data"), "/var/lib/clickhouse");

var clickHouseHttp = clickHouseServer.GetEndpoint("http");
var clickHouse = builder.AddConnectionString("clickhouse", ReferenceExpression.Create(
    $"Host={clickHouseHttp.Property(EndpointProperty.Host)};Port={clickHouseHttp.Property(EndpointProperty.Port)};Username=default;Password={clickHousePassword};Database=analytics"));

var minio = builder.AddContainer("minio", "minio/minio", "RELEASE.2025-09-07T16-13-09Z")
    .WithImageRegistry("docker.io")
    .WithArgs("server", "/data", "--console-address", ":9001")
    .WithHttpEndpoint(targetPort: 9000, name: "api")
    .WithHttpEndpoint(targetPort: 9001, name: "console")
    .WithEnvironment("MINIO_ROOT_USER", minioUser)
    .WithEnvironment("MINIO_ROOT_PASSWORD", minioPassword)
    .WithHttpHealthCheck("/minio/health/live", endpointName: "api");
minio.WithVolume(VolumeNameGenerator.Generate(minio, "data"), "/data");

var objectStore = builder.AddConnectionString("objectstore", ReferenceExpression.Create(
    $"Endpoint={minio.GetEndpoint("api")};AccessKey={minioUser};SecretKey={minioPassword}"));

// Services. Every one validates tokens against auth's JWKS (http://auth, or the copy auth shares
// in Redis) and checks the token's session in Redis, so each references auth and Redis; they
// do not wait for auth, because they fetch the keys lazily.
// The custom connection strings wait on their containers, whose health checks are real.
var auth = builder.AddProject<Projects.Dexel_Auth>("auth")
    .WithReference(authDb).WaitFor(authDb)
    .WithReference(redis).WaitFor(redis)
    .WithReference(kafka).WaitFor(kafka)
    .WithHttpHealthCheck("/health");

var streaming = builder.AddProject<Projects.Dexel_Streaming>("streaming")
    .WithReference(catalogDb).WaitFor(catalogDb)
    .WithReference(redis).WaitFor(redis)
    .WithReference(kafka).WaitFor(kafka)
    .WithReference(objectStore).WaitFor(minio)
    .WithReference(auth)
    .WithEnvironment("Streaming__SigningKey", mediaSigningKey)
    .WithHttpHealthCheck("/health");

var playlist = builder.AddProject<Projects.Dexel_Playlist>("playlist")
    .WithReference(playlistDb).WaitFor(playlistDb)
    .WithReference(redis).WaitFor(redis)
    .WithReference(kafka).WaitFor(kafka)
    .WithReference(auth)
    .WithHttpHealthCheck("/health");

var analytics = builder.AddProject<Projects.Dexel_Analytics>("analytics")
    .WithReference(clickHouse).WaitFor(clickHouseServer)
    .WithReference(redis).WaitFor(redis)
    .WithReference(kafka).WaitFor(kafka)
    .WithReference(auth)
    .WithHttpHealthCheck("/health");

var voice = builder.AddProject<Projects.Dexel_Voice>("voice")
    .WithReference(voiceDb).WaitFor(voiceDb)
    .WithReference(redis).WaitFor(redis)
    .WithReference(kafka).WaitFor(kafka)
    .WithReference(auth)
    .WithReference(playlist)
    .WithReference(streaming)
    .WithReference(analytics)
    .WithHttpHealthCheck("/health");

// The only service clients reach.
builder.AddProject<Projects.Dexel_Gateway>("gateway")
    .WithExternalHttpEndpoints()
    .WithReference(redis).WaitFor(redis)
    .WithReference(auth)
    .WithReference(streaming)
    .WithReference(playlist)
    .WithReference(analytics)
    .WithReference(voice)
    .WithHttpHealthCheck("/health");

builder.Build().Run();

IResourceBuilder<ParameterResource> AddSecret(string name, int minLength) =>
    builder.AddParameter(name, new GenerateParameterDefault { MinLength = minLength, Special = false }, secret: true, persist: true);
