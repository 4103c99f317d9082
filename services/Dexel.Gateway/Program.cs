using Dexel.Gateway.Extensions;
using Dexel.Gateway.ReverseProxy;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();

app.MapReverseProxy(proxy => proxy.Use(ProxyErrorProblemDetails.WriteProxyErrorsAsProblems));

app.Run();
