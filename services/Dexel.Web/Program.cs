using Dexel.Web;
using Dexel.Web.Api;
using Dexel.Web.Player;
using Dexel.Web.Voice;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;

var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.RootComponents.Add<App>("#app");
builder.RootComponents.Add<HeadOutlet>("head::after");

// The app is served by the gateway, so the API is on its own origin.
var origin = new Uri(builder.HostEnvironment.BaseAddress);
builder.Services.AddSingleton(sp => new Session(sp.GetRequiredService<Microsoft.JSInterop.IJSRuntime>(), new HttpClient { BaseAddress = origin }));
builder.Services.AddSingleton(sp => new DexelApi(new HttpClient(new AuthorizingHandler(sp.GetRequiredService<Session>())) { BaseAddress = origin }));
builder.Services.AddSingleton<RealtimeFeed>();
builder.Services.AddSingleton<MyPlaylists>();
builder.Services.AddSingleton<PlayerState>();
builder.Services.AddSingleton<VoiceAssistant>();

var host = builder.Build();
await host.Services.GetRequiredService<Session>().RestoreAsync();
await host.RunAsync();
