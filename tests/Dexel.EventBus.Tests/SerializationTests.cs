using Dexel.EventBus.IntegrationEvents;

namespace Dexel.EventBus.Tests;

public sealed class SerializationTests
{
    [Fact]
    public void Events_round_trip_as_camel_case_json_with_id_and_time()
    {
        var published = new TrackPublished(Guid.NewGuid(), Guid.NewGuid(), "Só Danço Samba", "João", null, "bossa", 180_000, [64, 128, 256]);

        var json = System.Text.Encoding.UTF8.GetString(EventSerializer.Serialize(published));
        var back = (TrackPublished)EventSerializer.Deserialize(System.Text.Encoding.UTF8.GetBytes(json), Topics.EventTypeOf(Topics.TrackPublished));

        Assert.Contains("\"eventId\"", json);
        Assert.Contains("\"occurredAt\"", json);
        Assert.DoesNotContain("aggregateKey", json, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(published with { BitratesKbps = back.BitratesKbps }, back);
        Assert.Equal(published.BitratesKbps, back.BitratesKbps);
    }

    [Fact]
    public void Every_topic_maps_to_one_event_type_and_back()
    {
        foreach (var topic in Topics.All)
        {
            Assert.Equal(topic, Topics.For(Topics.EventTypeOf(topic)));
            Assert.Matches(@"^[a-z]+\.[a-z]+$", topic);
        }
    }

    [Fact]
    public void Unknown_topics_are_rejected() =>
        Assert.Throws<ArgumentException>(() => Topics.EventTypeOf("no.such"));
}
