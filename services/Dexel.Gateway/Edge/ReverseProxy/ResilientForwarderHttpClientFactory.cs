using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Yarp.ReverseProxy.Forwarder;

namespace Dexel.Gateway.Edge.ReverseProxy;

/// <summary>
/// Each service's forwarding client gets a circuit breaker (a dead service is answered 503 at
/// once instead of timing out again and again) and retries for requests without a body that
/// are idempotent (GET, HEAD, OPTIONS, DELETE) when the service could not be reached.
/// </summary>
internal sealed class ResilientForwarderHttpClientFactory(ILoggerFactory loggerFactory) : ForwarderHttpClientFactory
{
    private readonly ConcurrentDictionary<string, ResiliencePipeline<HttpResponseMessage>> _pipelines = new();
    private readonly ILogger _logger = loggerFactory.CreateLogger<ResilientForwarderHttpClientFactory>();

    protected override HttpMessageHandler WrapHandler(ForwarderHttpClientContext context, HttpMessageHandler handler) =>
        new ResilienceHandler(_pipelines.GetOrAdd(context.ClusterId, Build)) { InnerHandler = handler };

    private ResiliencePipeline<HttpResponseMessage> Build(string clusterId)
    {
        var transient = new PredicateBuilder<HttpResponseMessage>()
            .Handle<HttpRequestException>()
            .HandleResult(response => response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout);
        var isTransient = transient.Build();

        return new ResiliencePipelineBuilder<HttpResponseMessage> { Name = $"gateway-{clusterId}" }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = args => IsRetryable(args.Context.GetRequestMessage())
                    ? ValueTask.FromResult(isTransient(args.Outcome))
                    : PredicateResult.False(),
                MaxRetryAttempts = 2,
                Delay = TimeSpan.FromMilliseconds(50),
                BackoffType = DelayBackoffType.Exponential,
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = transient,
                FailureRatio = 0.5,
                MinimumThroughput = 5,
                SamplingDuration = TimeSpan.FromSeconds(10),
                BreakDuration = TimeSpan.FromSeconds(5),
                // Only state changes are logged: per-request resilience telemetry sat on the hot path
                // (see docs/benchmarks.md, Gateway).
                OnOpened = args =>
                {
                    _logger.LogWarning("Circuit to {Cluster} opened for {Duration}", clusterId, args.BreakDuration);
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    _logger.LogInformation("Circuit to {Cluster} closed", clusterId);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    private static bool IsRetryable(HttpRequestMessage? request) =>
        request is not null
        && request.Content is null
        && (request.Method == HttpMethod.Get || request.Method == HttpMethod.Head
            || request.Method == HttpMethod.Options || request.Method == HttpMethod.Delete);
}
