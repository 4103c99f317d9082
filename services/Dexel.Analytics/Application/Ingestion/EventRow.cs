using System.Text.Json;

namespace Dexel.Analytics.Application.Ingestion;

/// <summary>
/// One event as its table's row. Read straight from the JSON payload into column values, without
/// building the event object first: at ingestion rates the services' general deserializer was
/// half of the consumer thread's time.
/// </summary>
public sealed record EventRow(EventTable Table, object[] Values)
{
    public Guid EventId => (Guid)Values[0];
    public DateTime OccurredAt => (DateTime)Values[1];

    /// <summary>The account the event belongs to, when it belongs to one.</summary>
    public Guid? Account => Table.AccountColumn is { } column ? Get<Guid>(column) : null;

    public T Get<T>(string column) => (T)Values[Table.IndexOf(column)];

    /// <summary>Why this row cannot be stored, or null: checked before insert so one bad event never fails a batch.</summary>
    public string? Rejection() => this switch
    {
        { EventId: var id } when id == Guid.Empty => "The event has no id.",
        { OccurredAt: var at } when at.Year < 1971 || at.Year > 2105 => $"occurredAt {at:O} is outside what ClickHouse's DateTime holds.",
        _ when Table == EventTable.Plays && Get<string>("type") is var type && !EventTable.PlayTypes.Contains(type) => $"Unknown playback type '{type}'.",
        _ => null,
    };

    /// <exception cref="UnstorableEventException">The payload is not an event this table can hold; the message says why.</exception>
    public static EventRow Read(EventTable table, ReadOnlySpan<byte> payload)
    {
        var values = new object?[table.Columns.Count];
        try
        {
            var reader = new Utf8JsonReader(payload);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw new JsonException("The payload is not a JSON object.");
            Span<char> name = stackalloc char[64];
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var index = -1;
                var known = reader.ValueSpan.Length <= name.Length && table.TryGetColumn(name[..reader.CopyString(name)], out index);
                reader.Read();
                if (!known) reader.Skip();
                else values[index] = reader.TokenType == JsonTokenType.Null ? null : ReadValue(ref reader, table.Columns[index]);
            }
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            throw new UnstorableEventException($"Unreadable payload: {ex.Message}");
        }

        for (var i = 0; i < values.Length; i++)
            values[i] ??= table.Columns[i].Default ?? throw new UnstorableEventException($"Unreadable payload: {table.Columns[i].JsonName} is missing.");
        return new EventRow(table, values!);
    }

    private static object ReadValue(ref Utf8JsonReader reader, Column column) => column.Type switch
    {
        "UUID" => reader.GetGuid(),
        "DateTime" => Utc(reader.GetDateTime()),
        "String" => reader.GetString()!,
        "UInt64" => reader.GetInt64() is >= 0 and var value ? (ulong)value : throw new UnstorableEventException($"{column.JsonName} is negative."),
        "UInt8" => (byte)(reader.GetBoolean() ? 1 : 0),
        "Int32" => reader.GetInt32(),
        _ => throw new NotSupportedException($"Column type {column.Type}"),
    };

    private static DateTime Utc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}

/// <summary>An event that goes to the dead-letter topic; the message is the reason recorded with it.</summary>
public sealed class UnstorableEventException(string reason) : Exception(reason);
