namespace Dexel.AppHost.Infrastructure;

/// <summary>The servers as containers: what a machine with a container engine runs, and what the manifest describes.</summary>
public static class ContainerInfrastructure
{
    public static DexelInfrastructure AddContainerInfrastructure(this IDistributedApplicationBuilder builder)
    {
        var postgresPassword = builder.AddSecret("postgres-password", minLength: 22);
        var clickHousePassword = builder.AddSecret("clickhouse-password", minLength: 22);
        var minioUser = builder.AddSecret("minio-user", minLength: 12);
        var minioPassword = builder.AddSecret("minio-password", minLength: 22);

        var postgres = builder.AddPostgres("postgres", password: postgresPassword)
            .WithDataVolume()
            .WithPgAdmin();

        // AddRedis generates its own "redis-password" parameter.
        // Persisted: sessions live here, and a Redis restart must log nobody out.
        var redis = builder.AddRedis("redis")
            .WithDataVolume()
            .WithPersistence(TimeSpan.FromSeconds(10), keysChangedThreshold: 1);

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

        return new DexelInfrastructure(
            AuthDb: postgres.AddDatabase("authdb").AsDependency(),
            PlaylistDb: postgres.AddDatabase("playlistdb").AsDependency(),
            CatalogDb: postgres.AddDatabase("catalogdb").AsDependency(),
            VoiceDb: postgres.AddDatabase("voicedb").AsDependency(),
            Redis: redis.AsDependency(),
            Kafka: kafka.AsDependency(),
            ClickHouse: Cast(clickHouse).ReadyWhen(clickHouseServer),
            ObjectStore: Cast(objectStore).ReadyWhen(minio));
    }

    /// <summary>
    /// A generated secret, kept in the AppHost's user secrets (persist) so F5 needs no setup and data
    /// volumes keep their credentials; deployment tools generate their own from the manifest. No
    /// special characters: the values end up inside connection strings.
    /// </summary>
    public static IResourceBuilder<ParameterResource> AddSecret(this IDistributedApplicationBuilder builder, string name, int minLength) =>
        builder.AddParameter(name, new GenerateParameterDefault { MinLength = minLength, Special = false }, secret: true, persist: true);

    private static IResourceBuilder<IResourceWithConnectionString> Cast<T>(IResourceBuilder<T> resource) where T : IResourceWithConnectionString =>
        (IResourceBuilder<IResourceWithConnectionString>)resource;
}
