using Dexel.Streaming.Apis;
using Dexel.Streaming.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseAuthentication();
app.UseAuthorization();

app.MapTracksApi();
app.MapPlaybackApi();
app.MapMediaApi();
app.MapUploaderDataApi();

app.Run();
