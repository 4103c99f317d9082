using Yarp.ReverseProxy.Configuration;

// Usage: BareProxy --urls http://127.0.0.1:PORT --Destination http://127.0.0.1:AUTHPORT
var builder = WebApplication.CreateBuilder(args);
builder.Logging.ClearProviders();
var destination = builder.Configuration["Destination"] ?? throw new InvalidOperationException("--Destination is required");

builder.Services.AddReverseProxy().LoadFromMemory(
    [new RouteConfig { RouteId = "all", ClusterId = "target", Match = new RouteMatch { Path = "/{**rest}" } }],
    [new ClusterConfig { ClusterId = "target", Destinations = new Dictionary<string, DestinationConfig> { ["target"] = new() { Address = destination } } }]);

var app = builder.Build();
app.MapReverseProxy();
app.Run();
