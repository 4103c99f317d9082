using Dexel.Voice.Apis;
using Dexel.Voice.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseWebSockets();
app.UseAuthentication();
app.UseAuthorization();

app.MapVoiceApi();

app.Run();
