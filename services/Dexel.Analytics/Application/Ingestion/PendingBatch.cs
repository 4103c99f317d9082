using Confluent.Kafka;

namespace Dexel.Analytics.Application.Ingestion;

/// <summary>
/// What has been consumed but not yet stored, and the Kafka position to commit once it is.
/// Read by the storing task while the consumer's thread may forget partitions that moved away.
/// </summary>
internal sealed class PendingBatch
{
    private readonly Lock _gate = new();
    private readonly List<(TopicPartition Partition, EventRow Row)> _events = [];
    private readonly List<(ConsumeResult<string, byte[]> Message, string Reason)> _deadLetters = [];
    private readonly Dictionary<TopicPartition, Offset> _next = [];

    public DateTime? StartedAt { get; private set; }
    public int Count { get { lock (_gate) return _events.Count + _deadLetters.Count; } }
    public bool IsEmpty { get { lock (_gate) return _next.Count == 0; } }

    public IReadOnlyList<EventRow> Rows { get { lock (_gate) return _events.ConvertAll(e => e.Row); } }
    public IReadOnlyList<(ConsumeResult<string, byte[]> Message, string Reason)> DeadLetters { get { lock (_gate) return [.. _deadLetters]; } }
    public IReadOnlyList<TopicPartitionOffset> NextOffsets { get { lock (_gate) return [.. _next.Select(pair => new TopicPartitionOffset(pair.Key, pair.Value))]; } }

    public void Add(ConsumeResult<string, byte[]> message, EventRow row)
    {
        lock (_gate)
        {
            _events.Add((message.TopicPartition, row));
            Track(message);
        }
    }

    public void AddDeadLetter(ConsumeResult<string, byte[]> message, string reason)
    {
        lock (_gate)
        {
            _deadLetters.Add((message, reason));
            Track(message);
        }
    }

    /// <summary>After a rebalance took these partitions away: their new owner reads them again from the committed offset.</summary>
    public void Forget(IEnumerable<TopicPartition> partitions)
    {
        var gone = partitions.ToHashSet();
        lock (_gate)
        {
            _events.RemoveAll(e => gone.Contains(e.Partition));
            _deadLetters.RemoveAll(d => gone.Contains(d.Message.TopicPartition));
            foreach (var partition in gone) _next.Remove(partition);
            if (_next.Count == 0) StartedAt = null;
        }
    }

    private void Track(ConsumeResult<string, byte[]> message)
    {
        StartedAt ??= DateTime.UtcNow;
        _next[message.TopicPartition] = message.Offset + 1;
    }
}
