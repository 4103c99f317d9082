namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// A Kafka broker, in the shape of Aspire.Hosting.Kafka's resource (which our NuGet mirror does not
/// serve): the same endpoints, connection string and connection properties, so swapping in the
/// package later changes no service and no manifest entry.
/// </summary>
public sealed class KafkaServerResource(string name) : ContainerResource(name), IResourceWithConnectionString
{
    // Host processes reach the broker on "tcp"; other containers on "internal".
    internal const string PrimaryEndpointName = "tcp";
    internal const string InternalEndpointName = "internal";

    public EndpointReference PrimaryEndpoint => field ??= new(this, PrimaryEndpointName);

    public EndpointReference InternalEndpoint => field ??= new(this, InternalEndpointName);

    public EndpointReferenceExpression Host => PrimaryEndpoint.Property(EndpointProperty.Host);

    public EndpointReferenceExpression Port => PrimaryEndpoint.Property(EndpointProperty.Port);

    public EndpointReferenceExpression InternalHost => InternalEndpoint.Property(EndpointProperty.Host);

    public EndpointReferenceExpression InternalPort => InternalEndpoint.Property(EndpointProperty.Port);

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{PrimaryEndpoint.Property(EndpointProperty.HostAndPort)}");

    public ReferenceExpression UriExpression => ReferenceExpression.Create($"kafka://{Host}:{Port}");

    IEnumerable<KeyValuePair<string, ReferenceExpression>> IResourceWithConnectionString.GetConnectionProperties()
    {
        yield return new("Host", ReferenceExpression.Create($"{Host}"));
        yield return new("Port", ReferenceExpression.Create($"{Port}"));
        yield return new("InternalHost", ReferenceExpression.Create($"{InternalHost}"));
        yield return new("InternalPort", ReferenceExpression.Create($"{InternalPort}"));
        yield return new("Uri", UriExpression);
    }
}

/// <summary>Kafka UI, a tool for people; it is left out of the manifest.</summary>
public sealed class KafkaUIContainerResource(string name) : ContainerResource(name);
