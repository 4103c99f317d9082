using Dexel.Playlist.Apis;
using Dexel.Playlist.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseAuthentication();
app.UseAuthorization();

app.MapPlaylistsApi();
app.MapSharingApi();
app.MapLikesApi();
app.MapFollowsApi();
app.MapListenerDataApi();

app.Run();
