namespace Dexel.Manifest.Tests;

/// <summary>The fixtures turn the published model's expressions into what Aspire would pass.</summary>
public sealed class ResolverTests
{
    private static readonly AspireManifest Manifest = TestEnvironment.Manifest;

    private static readonly LocalServers Servers = new(
        new Dictionary<string, ServerAddress>
        {
            ["postgres"] = new("127.0.0.1", 5432),
            ["redis"] = new("127.0.0.1", 6379),
            ["kafka"] = new("127.0.0.1", 9092),
            ["clickhouse"] = new("127.0.0.1", 8123),
            ["minio"] = new("127.0.0.1", 9000),
        },
        new Dictionary<string, string>
        {
            ["postgres-password"] = "pg", ["redis-password"] = "rd", ["clickhouse-password"] = "ch",
            ["minio-user"] = "mu", ["minio-password"] = "mp", ["media-signing-key"] = "mk",
        });

    private static readonly Dictionary<string, int> Ports = Manifest.Projects.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => 7000 + x.i);

    public static TheoryData<string> Projects => new(Manifest.Projects);

    /// <summary>Every expression form the manifest uses resolves, the derived (uri-encoded) values included.</summary>
    [Theory]
    [MemberData(nameof(Projects))]
    public void Every_variable_of_every_project_resolves(string project)
    {
        var env = new ManifestResolver(Manifest, Servers, Ports).EnvironmentFor(project);

        Assert.All(env, pair => Assert.DoesNotContain("{", pair.Value));
    }

    [Fact]
    public void Database_connection_strings_name_their_database()
    {
        var env = new ManifestResolver(Manifest, Servers, Ports).EnvironmentFor("auth");

        Assert.Equal("Host=127.0.0.1;Port=5432;Username=postgres;Password=pg;Database=authdb", env["ConnectionStrings__authdb"]);
        Assert.Equal("127.0.0.1:6379,password=rd", env["ConnectionStrings__redis"]);
        Assert.Equal("127.0.0.1:9092", env["ConnectionStrings__kafka"]);
    }

    [Fact]
    public void Object_store_and_clickhouse_use_their_conventions()
    {
        var streaming = new ManifestResolver(Manifest, Servers, Ports).EnvironmentFor("streaming");
        var analytics = new ManifestResolver(Manifest, Servers, Ports).EnvironmentFor("analytics");

        Assert.Equal("Endpoint=http://127.0.0.1:9000;AccessKey=mu;SecretKey=mp", streaming["ConnectionStrings__objectstore"]);
        Assert.Equal("Host=127.0.0.1;Port=8123;Username=default;Password=ch;Database=analytics", analytics["ConnectionStrings__clickhouse"]);
    }

    [Fact]
    public void Service_references_resolve_to_the_ports_given_to_projects()
    {
        var gateway = new ManifestResolver(Manifest, Servers, Ports).EnvironmentFor("gateway");

        Assert.Equal($"http://127.0.0.1:{Ports["auth"]}", gateway["services__auth__http__0"]);
        Assert.Equal(Ports["gateway"].ToString(), gateway["HTTP_PORTS"]);
    }

    [Fact]
    public void A_container_without_a_local_stand_in_is_an_error()
    {
        var withoutMinio = Servers with { Servers = Servers.Servers.Where(s => s.Key != "minio").ToDictionary() };

        var error = Assert.Throws<InvalidOperationException>(
            () => new ManifestResolver(Manifest, withoutMinio, Ports).EnvironmentFor("streaming"));
        Assert.Contains("minio", error.Message);
    }
}
