using System.Text.Json;

namespace Dexel.AppHost.Infrastructure;

/// <summary>
/// The servers eng/servers.sh started on loopback, for machines without a container engine. Their
/// addresses and passwords come from the file it writes (.local/servers.json), passed as
/// <c>--LocalServers PATH</c>: not through environment variables, which every service started by
/// the orchestrator would inherit.
/// </summary>
public static class LocalServerInfrastructure
{
    public static DexelInfrastructure AddLocalServers(this IDistributedApplicationBuilder builder, string path)
    {
        var local = LocalServersFile.Load(path);
        // Parameters the services share (the media signing key) take the values generated for this state folder.
        foreach (var (name, value) in local.Parameters) builder.Configuration[$"Parameters:{name}"] = value;

        var postgres = Server("postgres", address => $"Host={address.Host};Port={address.Port};Username=postgres;Password={local.Parameters["postgres-password"]}");
        var redis = Server("redis", address => $"{address.Host}:{address.Port},password={local.Parameters["redis-password"]}");
        var kafka = Server("kafka", address => $"{address.Host}:{address.Port}");
        var clickHouseServer = ServerAt("clickhouse-server", local.Servers["clickhouse"],
            address => $"Host={address.Host};Port={address.Port};Username=default;Password={local.Parameters["clickhouse-password"]}");
        var minio = Server("minio", address => $"Endpoint=http://{address.Host}:{address.Port};AccessKey={local.Parameters["minio-user"]};SecretKey={local.Parameters["minio-password"]}");

        return new DexelInfrastructure(
            AuthDb: Database("authdb"),
            PlaylistDb: Database("playlistdb"),
            CatalogDb: Database("catalogdb"),
            VoiceDb: Database("voicedb"),
            Redis: redis.AsDependency(),
            Kafka: kafka.AsDependency(),
            ClickHouse: Derived("clickhouse", $"{clickHouseServer};Database=analytics", clickHouseServer),
            ObjectStore: Derived("objectstore", $"{minio}", minio));

        IResourceBuilder<LocalServerResource> Server(string name, Func<ServerAddress, string> connectionString) =>
            ServerAt(name, local.Servers[name], connectionString);

        IResourceBuilder<LocalServerResource> ServerAt(string name, ServerAddress address, Func<ServerAddress, string> connectionString) =>
            builder.AddLocalServer(name, $"{address.Host}:{address.Port}", Literal(connectionString(address)));

        Dependency Database(string name) => Derived(name, $"{postgres};Database={name}", postgres);

        Dependency Derived(string name, ReferenceExpression.ExpressionInterpolatedStringHandler expression, IResourceBuilder<LocalServerResource> server) =>
            ((IResourceBuilder<IResourceWithConnectionString>)builder.AddConnectionString(name, ReferenceExpression.Create(expression))).ReadyWhen(server);
    }

    private static ReferenceExpression Literal(string value)
    {
        var expression = new ReferenceExpressionBuilder();
        expression.AppendLiteral(value);
        return expression.Build();
    }
}

public sealed record ServerAddress(string Host, int Port);

/// <summary>.local/servers.json: where each server listens, and the secrets eng/servers.sh generated.</summary>
public sealed record LocalServersFile(Dictionary<string, ServerAddress> Servers, Dictionary<string, string> Parameters)
{
    public static LocalServersFile Load(string path) =>
        JsonSerializer.Deserialize<LocalServersFile>(File.ReadAllText(path), new JsonSerializerOptions(JsonSerializerDefaults.Web))
        ?? throw new InvalidDataException($"{path} is empty.");
}
