using Yarp.ReverseProxy.Configuration;

// Usage: BareProxy --urls http://127.0.0.1:PORT --Destination http://127.0.0.1:AUTHPORT
//    or: BareProxy --urls http://127.0.0.1:PORT --Respond '{"pong":true}'
// The second form is the benchmark's cheap upstream: a constant answer from memory, so what a
// proxy in front of it costs is not hidden behind the upstream's own database work.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.ClearProviders();
var constant = builder.Configuration["Respond"];
if (constant is null)
{
    var destination = builder.Configuration["Destination"] ?? throw new InvalidOperationException("--Destination or --Respond is required");
    builder.Services.AddReverseProxy().LoadFromMemory(
        [new RouteConfig { RouteId = "all", ClusterId = "target", Match = new RouteMatch { Path = "/{**rest}" } }],
        [new ClusterConfig { ClusterId = "target", Destinations = new Dictionary<string, DestinationConfig> { ["target"] = new() { Address = destination } } }]);
}

var app = builder.Build();
if (constant is null) app.MapReverseProxy();
else app.MapGet("/{**rest}", () => Results.Text(constant, "application/json"));
app.Run();
