namespace Dexel.Web.Shared;

/// <summary>ARIA states as the spec spells them: Blazor writes a true bool as an empty attribute, which says nothing.</summary>
public static class Aria
{
    public static string Pressed(bool on) => on ? "true" : "false";
}
