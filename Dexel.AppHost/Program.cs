var builder = DistributedApplication.CreateBuilder(args);

// Secrets: set with `dotnet user-secrets` or Parameters__<name>; Aspire prompts for missing ones.
var postgresPassword = builder.AddParameter("postgres-password", secret: true);
var clickHousePassword = builder.AddParameter("clickhouse-password", secret: true);
var minioUser = builder.AddParameter("minio-user");
var minioPassword = builder.AddParameter("minio-password", secret: true);

var postgres = builder.AddPostgres("postgres", password: postgresPassword)
    .WithDataVolume()
    .WithPgAdmin();
var authDb = postgres.AddDatabase("authdb");
var playlistDb = postgres.AddDatabase("playlistdb");
var catalogDb = postgres.AddDatabase("catalogdb");
var voiceDb = postgres.AddDatabase("voicedb");

var redis = builder.AddRedis("redis")
    .WithDataVolume();

var kafka = builder.AddKafka("kafka")
    .WithKafkaUI()
    .WithDataVolume();

var clickHouseServer = builder.AddContainer("clickhouse-server", "clickhouse/clickhouse-server", "25.8")
    .WithHttpEndpoint(targetPort: 8123, name: "http")
    .WithEnvironment("CLICKHOUSE_DB", "analytics")
    .WithEnvironment("CLICKHOUSE_USER", "default")
    .WithEnvironment("CLICKHOUSE_PASSWORD", clickHousePassword)
    .WithEnvironment("CLICKHOUSE_DEFAULT_ACCESS_MANAGEMENT", "1")
    .WithVolume("dexel.apphost-clickhouse-data", "/var/lib/clickhouse");
var clickHouseHttp = clickHouseServer.GetEndpoint("http");
var clickHouse = builder.AddConnectionString("clickhouse", ReferenceExpression.Create(
    $"Host={clickHouseHttp.Property(EndpointProperty.Host)};Port={clickHouseHttp.Property(EndpointProperty.Port)};Username=default;Password={clickHousePassword};Database=analytics"));

var minio = builder.AddContainer("minio", "minio/minio", "RELEASE.2025-09-07T16-13-09Z")
    .WithArgs("server", "/data", "--console-address", ":9001")
    .WithHttpEndpoint(targetPort: 9000, name: "api")
    .WithHttpEndpoint(targetPort: 9001, name: "console")
    .WithEnvironment("MINIO_ROOT_USER", minioUser)
    .WithEnvironment("MINIO_ROOT_PASSWORD", minioPassword)
    .WithVolume("dexel.apphost-minio-data", "/data");
var objectStore = builder.AddConnectionString("objectstore", ReferenceExpression.Create(
    $"Endpoint={minio.GetEndpoint("api")};AccessKey={minioUser};SecretKey={minioPassword}"));

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
    .WithHttpHealthCheck("/health");

var playlist = builder.AddProject<Projects.Dexel_Playlist>("playlist")
    .WithReference(playlistDb).WaitFor(playlistDb)
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
    .WithReference(kafka).WaitFor(kafka)
    .WithReference(auth)
    .WithReference(playlist)
    .WithReference(streaming)
    .WithReference(analytics)
    .WithHttpHealthCheck("/health");

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
