using Microsoft.Extensions.DependencyInjection;

namespace Dexel.AppHost.Infrastructure;

/// <summary>
/// A server the AppHost did not start (eng/servers.sh did): it shows in the dashboard as running,
/// and is healthy while it accepts connections, so services WaitFor it as they would a container.
/// </summary>
public sealed class LocalServerResource(string name, string address, ReferenceExpression connectionString)
    : Resource(name), IResourceWithConnectionString
{
    public string Address { get; } = address;

    public ReferenceExpression ConnectionStringExpression { get; } = connectionString;
}

public static class LocalServerResourceExtensions
{
    public static IResourceBuilder<LocalServerResource> AddLocalServer(
        this IDistributedApplicationBuilder builder, string name, string address, ReferenceExpression connectionString)
    {
        var healthCheck = $"{name}_check";
        builder.Services.AddHealthChecks().Add(new(healthCheck, _ => new TcpHealthCheck(() => address), failureStatus: null, tags: null));
        return builder.AddResource(new LocalServerResource(name, address, connectionString))
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "LocalServer",
                State = KnownResourceStates.Running,
                Properties = [new("address", address)],
            })
            .WithHealthCheck(healthCheck)
            .ExcludeFromManifest();
    }
}
