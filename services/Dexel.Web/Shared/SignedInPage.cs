using Dexel.Web.Api;
using Microsoft.AspNetCore.Components;

namespace Dexel.Web.Shared;

/// <summary>A page for signed-in listeners: anyone else is sent to sign in and brought back after.</summary>
public abstract class SignedInPage : ComponentBase
{
    [Inject] protected Session Session { get; set; } = default!;
    [Inject] protected DexelApi Api { get; set; } = default!;
    [Inject] protected NavigationManager Navigation { get; set; } = default!;

    /// <summary>What went wrong last, in plain words, for the page to show.</summary>
    protected string? Error { get; set; }

    protected override async Task OnInitializedAsync()
    {
        if (!Session.IsSignedIn)
        {
            Navigation.NavigateTo($"signin?return={Uri.EscapeDataString(Navigation.ToBaseRelativePath(Navigation.Uri))}");
            return;
        }
        await RunAsync(LoadAsync);
    }

    protected virtual Task LoadAsync() => Task.CompletedTask;

    /// <summary>Runs an API call and turns its failure into <see cref="Error"/>.</summary>
    protected async Task RunAsync(Func<Task> action)
    {
        Error = null;
        try { await action(); }
        catch (ApiProblem problem) { Error = problem.Message; }
        catch (HttpRequestException) { Error = "Dexel cannot be reached; check your connection."; }
    }
}
