using Aspire.Hosting.ApplicationModel;
using Dexel.AppHost.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Aspire.Hosting;

/// <summary>AddKafka, WithKafkaUI and WithDataVolume as Aspire.Hosting.Kafka spells them (same images, ports and environment).</summary>
public static class KafkaBuilderExtensions
{
    private const int BrokerPort = 9092;
    private const int InternalBrokerPort = 9093;
    private const int KafkaUIPort = 8080;
    private const string DataDirectory = "/var/lib/kafka/data";

    public static IResourceBuilder<KafkaServerResource> AddKafka(this IDistributedApplicationBuilder builder, [ResourceName] string name, int? port = null)
    {
        var kafka = new KafkaServerResource(name);

        // The broker is healthy once it accepts connections on the address the services are given.
        string? bootstrap = null;
        builder.Eventing.Subscribe<ConnectionStringAvailableEvent>(kafka, async (_, cancellationToken) =>
            bootstrap = await kafka.ConnectionStringExpression.GetValueAsync(cancellationToken));
        var healthCheck = $"{name}_check";
        builder.Services.AddHealthChecks().Add(new(healthCheck,
            _ => new TcpHealthCheck(() => bootstrap ?? throw new InvalidOperationException($"{name} has no address yet.")),
            failureStatus: null, tags: null));

        return builder.AddResource(kafka)
            .WithEndpoint(targetPort: BrokerPort, port: port, name: KafkaServerResource.PrimaryEndpointName)
            .WithEndpoint(targetPort: InternalBrokerPort, name: KafkaServerResource.InternalEndpointName)
            .WithImage("confluentinc/confluent-local", "8.1.0")
            .WithImageRegistry("docker.io")
            .WithEnvironment(context => ConfigureBroker(context, kafka))
            .WithHealthCheck(healthCheck);
    }

    public static IResourceBuilder<KafkaServerResource> WithKafkaUI(this IResourceBuilder<KafkaServerResource> builder, string containerName = "kafka-ui")
    {
        var kafka = builder.Resource;
        builder.ApplicationBuilder.AddResource(new KafkaUIContainerResource(containerName))
            .WithImage("kafbat/kafka-ui", "v1.3.0")
            .WithImageRegistry("ghcr.io")
            .WithHttpEndpoint(targetPort: KafkaUIPort)
            .WithEnvironment(context =>
            {
                // Kafka UI is a container: it reaches the broker by name on the container network.
                context.EnvironmentVariables["KAFKA_CLUSTERS_0_NAME"] = kafka.Name;
                context.EnvironmentVariables["KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS"] =
                    ReferenceExpression.Create($"{kafka.Name}:{kafka.InternalEndpoint.Property(EndpointProperty.TargetPort)}");
            })
            .WithParentRelationship(kafka)
            .ExcludeFromManifest();
        return builder;
    }

    public static IResourceBuilder<KafkaServerResource> WithDataVolume(this IResourceBuilder<KafkaServerResource> builder, string? name = null, bool isReadOnly = false) =>
        builder
            .WithEnvironment(context => context.EnvironmentVariables["KAFKA_LOG_DIRS"] = DataDirectory)
            .WithVolume(name ?? VolumeNameGenerator.Generate(builder, "data"), DataDirectory, isReadOnly);

    // confluent-local runs a KRaft broker; these add a listener for other containers (PLAINTEXT_INTERNAL).
    private static void ConfigureBroker(EnvironmentCallbackContext context, KafkaServerResource kafka)
    {
        context.EnvironmentVariables["KAFKA_LISTENERS"] =
            $"PLAINTEXT://localhost:29092,CONTROLLER://localhost:29093,PLAINTEXT_HOST://0.0.0.0:{BrokerPort},PLAINTEXT_INTERNAL://0.0.0.0:{InternalBrokerPort}";
        context.EnvironmentVariables["KAFKA_LISTENER_SECURITY_PROTOCOL_MAP"] =
            "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,PLAINTEXT_HOST:PLAINTEXT,PLAINTEXT_INTERNAL:PLAINTEXT";
        var primary = kafka.PrimaryEndpoint;
        var @internal = kafka.InternalEndpoint;
        context.EnvironmentVariables["KAFKA_ADVERTISED_LISTENERS"] = context.ExecutionContext.IsRunMode
            ? ReferenceExpression.Create($"PLAINTEXT://localhost:29092,PLAINTEXT_HOST://localhost:{primary.Property(EndpointProperty.Port)},PLAINTEXT_INTERNAL://{kafka.Name}:{@internal.Property(EndpointProperty.TargetPort)}")
            : ReferenceExpression.Create($"PLAINTEXT://{primary.Property(EndpointProperty.Host)}:29092,PLAINTEXT_HOST://{primary.Property(EndpointProperty.HostAndPort)},PLAINTEXT_INTERNAL://{@internal.Property(EndpointProperty.HostAndPort)}");
    }
}
