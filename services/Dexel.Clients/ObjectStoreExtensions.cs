using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Minio;

namespace Dexel.Clients;

/// <summary>The S3 endpoint and bucket a service stores media in.</summary>
public sealed record ObjectStoreSettings(Uri Endpoint, string AccessKey, string SecretKey, string Bucket);

/// <summary>
/// The object-store client's settings, under <c>Aspire:Minio:Client</c> (the section of the
/// community MinIO integration, which is not served here).
/// </summary>
public sealed class ObjectStoreClientSettings : ClientSettings
{
    /// <summary>The bucket the service owns; created at start-up.</summary>
    public string? Bucket { get; set; }
}

public static class ObjectStoreExtensions
{
    public const string Section = "Aspire:Minio:Client";

    /// <summary>
    /// A Minio client from the MinIO connection-string convention
    /// "Endpoint=http://host:9000;AccessKey=..;SecretKey=..", the bucket created at start-up, and an
    /// "ObjectStore" health check. Its requests are traced as HTTP calls.
    /// </summary>
    public static IHostApplicationBuilder AddObjectStore(this IHostApplicationBuilder builder, string connectionName, string defaultBucket,
        Action<ObjectStoreClientSettings>? configureSettings = null)
    {
        var clientSettings = ConnectionStrings.Bind(builder, Section, connectionName, configureSettings);
        var parts = ConnectionStrings.Parse(clientSettings.ConnectionString!);
        var settings = new ObjectStoreSettings(
            new Uri(parts["Endpoint"]),
            parts.GetValueOrDefault("AccessKey", ""),
            parts.GetValueOrDefault("SecretKey", ""),
            clientSettings.Bucket ?? defaultBucket);

        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<IMinioClient>(_ => new MinioClient()
            .WithEndpoint(settings.Endpoint.Host, settings.Endpoint.Port)
            .WithCredentials(settings.AccessKey, settings.SecretKey)
            .WithSSL(settings.Endpoint.Scheme == Uri.UriSchemeHttps)
            .Build());
        if (!clientSettings.DisableHealthChecks)
        {
            builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
                "ObjectStore",
                services => new ObjectStoreHealthCheck(services.GetRequiredService<IMinioClient>(), settings.Bucket),
                HealthStatus.Unhealthy,
                tags: null,
                timeout: clientSettings.HealthCheckTimeout ?? TimeSpan.FromSeconds(3)));
        }
        builder.Services.AddHostedService<BucketCreator>();
        return builder;
    }
}

internal sealed class ObjectStoreHealthCheck(IMinioClient minio, string bucket) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var exists = await minio.BucketExistsAsync(new Minio.DataModel.Args.BucketExistsArgs().WithBucket(bucket), cancellationToken);
            return exists ? HealthCheckResult.Healthy() : HealthCheckResult.Degraded($"Bucket '{bucket}' does not exist yet");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("Object store is unreachable", ex);
        }
    }
}

/// <summary>Creates the service's bucket at start-up, as migrations create its database.</summary>
internal sealed class BucketCreator(IMinioClient minio, ObjectStoreSettings settings) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var bucket = new Minio.DataModel.Args.BucketExistsArgs().WithBucket(settings.Bucket);
        if (!await minio.BucketExistsAsync(bucket, cancellationToken))
        {
            await minio.MakeBucketAsync(new Minio.DataModel.Args.MakeBucketArgs().WithBucket(settings.Bucket), cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
