namespace Dexel.AppHost.Infrastructure;

/// <summary>
/// A connection string a service is given, and the resource whose health says it can be used
/// (a database waits on its server; a connection string of our own on its container).
/// </summary>
public sealed record Dependency(IResourceBuilder<IResourceWithConnectionString> ConnectionString, IResourceBuilder<IResource> ReadyWhen);

/// <summary>Everything the services connect to, whichever way it runs.</summary>
public sealed record DexelInfrastructure(
    Dependency AuthDb, Dependency PlaylistDb, Dependency CatalogDb, Dependency VoiceDb,
    Dependency Redis, Dependency Kafka, Dependency ClickHouse, Dependency ObjectStore);

public static class DependencyExtensions
{
    public static Dependency AsDependency<T>(this IResourceBuilder<T> resource) where T : IResourceWithConnectionString =>
        new((IResourceBuilder<IResourceWithConnectionString>)resource, (IResourceBuilder<IResource>)resource);

    public static Dependency ReadyWhen<T>(this IResourceBuilder<IResourceWithConnectionString> connectionString, IResourceBuilder<T> server) where T : IResource =>
        new(connectionString, (IResourceBuilder<IResource>)server);

    public static IResourceBuilder<ProjectResource> WithReference(this IResourceBuilder<ProjectResource> project, Dependency dependency) =>
        project.WithReference(dependency.ConnectionString).WaitFor(dependency.ReadyWhen);
}
