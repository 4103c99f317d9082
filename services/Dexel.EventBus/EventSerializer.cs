using System.Text.Json;

namespace Dexel.EventBus;

/// <summary>The one JSON form of events on the wire: camelCase, as the public API.</summary>
public static class EventSerializer
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static byte[] Serialize(IntegrationEvent @event) =>
        JsonSerializer.SerializeToUtf8Bytes(@event, @event.GetType(), Options);

    public static IntegrationEvent Deserialize(ReadOnlySpan<byte> payload, Type eventType) =>
        (IntegrationEvent)(JsonSerializer.Deserialize(payload, eventType, Options)
            ?? throw new JsonException($"Empty {eventType.Name} payload"));
}
