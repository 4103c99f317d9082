using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace Dexel.Voice.Tests;

/// <summary>GET and DELETE /api/v1/voice/history, the voice.command event, and the history's end with the account.</summary>
[Collection(VoiceCollection.Name)]
public sealed class CommandHistoryTests(VoiceFixture fixture) : IAsyncLifetime
{
    private Session _user = null!;

    public async ValueTask InitializeAsync() => _user = await fixture.RegisterAsync();
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Task<JsonElement> CommandAsync(string text) => fixture.CommandAsync(_user, text);

    [Fact]
    public async Task Commands_are_kept_in_a_paged_history_announced_as_events_and_forgotten_on_request()
    {
        await CommandAsync("pause");
        await CommandAsync("what's the weather in Paris");
        using var client = fixture.CreateClient(_user);

        var first = await client.GetFromJsonAsync<JsonElement>("/api/v1/voice/history?limit=1");
        var newest = Assert.Single(first.GetProperty("items").EnumerateArray().ToList());
        Assert.Equal("what's the weather in Paris", newest.GetProperty("transcript").GetString());
        Assert.Equal("not-understood", newest.GetProperty("outcome").GetString());
        var next = first.GetProperty("next").GetString();
        var second = await client.GetFromJsonAsync<JsonElement>($"/api/v1/voice/history?limit=1&before={Uri.EscapeDataString(next!)}");
        var older = Assert.Single(second.GetProperty("items").EnumerateArray().ToList());
        Assert.Equal("Pause", older.GetProperty("intent").GetString());
        Assert.Equal("done", older.GetProperty("outcome").GetString());
        Assert.True(older.GetProperty("timings").GetProperty("speakMs").GetInt32() > 0);

        var events = await KafkaProbe.ReadAsync(fixture.Kafka.ConnectionString, "voice.command",
            m => KafkaProbe.Json(m).GetProperty("userId").GetGuid() == _user.UserId, 2, TimeSpan.FromSeconds(20));
        Assert.Contains(events, e => KafkaProbe.Json(e).GetProperty("intent").GetString() == "Pause" && KafkaProbe.Json(e).GetProperty("succeeded").GetBoolean());

        using var forget = await client.DeleteAsync("/api/v1/voice/history");
        Assert.Equal(HttpStatusCode.NoContent, forget.StatusCode);
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>("/api/v1/voice/history")).GetProperty("items").EnumerateArray());
    }

    [Theory]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=many", "limit")]
    [InlineData("?before=yesterday-ish", "before")]
    public async Task Bad_history_parameters_are_400_problems(string query, string field)
    {
        using var client = fixture.CreateClient(_user);

        using var response = await client.GetAsync("/api/v1/voice/history" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Deleting_the_account_deletes_its_command_history()
    {
        var doomed = await fixture.RegisterAsync();
        using var client = fixture.CreateClient(doomed);
        (await client.PostAsJsonAsync("/api/v1/voice/commands", new { text = "pause" })).EnsureSuccessStatusCode();
        Assert.Equal(1, await HistoryRowsAsync(doomed.UserId));

        using var delete = await client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/users/me")
        {
            Content = JsonContent.Create(new { password = "correct horse battery" }),
        });

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        await Eventually.TrueAsync(async () => await HistoryRowsAsync(doomed.UserId) == 0, TimeSpan.FromSeconds(30), "user.deleted did not clear the history");
    }

    private async Task<long> HistoryRowsAsync(Guid userId)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionStringOf("voice", "voicedb"));
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM voice_commands WHERE user_id = @user", connection);
        count.Parameters.AddWithValue("user", userId);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
