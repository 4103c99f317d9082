-- One table per topic, each row one event. Rows are written only after a de-duplicating step
-- (by event id), and ReplacingMergeTree on (occurred_at, event_id) collapses any copy that
-- still slipped in. SQL kept to what ClickHouse 18.16 and current releases both run.
CREATE TABLE IF NOT EXISTS plays (
    event_id UUID, occurred_at DateTime, user_id UUID, track_id UUID, type String, position_ms UInt64
) ENGINE = ReplacingMergeTree PARTITION BY toYYYYMM(occurred_at) ORDER BY (occurred_at, event_id);

CREATE TABLE IF NOT EXISTS plays_by_user (
    event_id UUID, occurred_at DateTime, user_id UUID, track_id UUID, type String, position_ms UInt64
) ENGINE = ReplacingMergeTree PARTITION BY toYYYYMM(occurred_at) ORDER BY (user_id, occurred_at, event_id);

CREATE MATERIALIZED VIEW IF NOT EXISTS plays_by_user_mv TO plays_by_user AS
    SELECT event_id, occurred_at, user_id, track_id, type, position_ms FROM plays;

CREATE TABLE IF NOT EXISTS plays_by_track (
    event_id UUID, occurred_at DateTime, user_id UUID, track_id UUID, type String, position_ms UInt64
) ENGINE = ReplacingMergeTree PARTITION BY toYYYYMM(occurred_at) ORDER BY (track_id, occurred_at, event_id);

CREATE MATERIALIZED VIEW IF NOT EXISTS plays_by_track_mv TO plays_by_track AS
    SELECT event_id, occurred_at, user_id, track_id, type, position_ms FROM plays;

CREATE TABLE IF NOT EXISTS track_plays_hourly (
    hour DateTime,
    track_id UUID,
    plays AggregateFunction(sum, UInt64),
    completions AggregateFunction(sum, UInt64),
    listeners AggregateFunction(uniq, UUID)
) ENGINE = AggregatingMergeTree PARTITION BY toYYYYMM(hour) ORDER BY (hour, track_id);

CREATE MATERIALIZED VIEW IF NOT EXISTS track_plays_hourly_mv TO track_plays_hourly AS
    SELECT toStartOfHour(occurred_at) AS hour, track_id,
           sumState(toUInt64(type = 'started')) AS plays,
           sumState(toUInt64(type = 'completed')) AS completions,
           uniqState(user_id) AS listeners
    FROM plays GROUP BY hour, track_id;

CREATE TABLE IF NOT EXISTS likes (
    event_id UUID, occurred_at DateTime, user_id UUID, track_id UUID, liked UInt8
) ENGINE = ReplacingMergeTree PARTITION BY toYYYYMM(occurred_at) ORDER BY (occurred_at, event_id);

CREATE TABLE IF NOT EXISTS tracks (
    event_id UUID, occurred_at DateTime, track_id UUID, owner_id UUID,
    title String, artist String, album String, genre String, duration_ms UInt64
) ENGINE = ReplacingMergeTree PARTITION BY toYYYYMM(occurred_at) ORDER BY (occurred_at, event_id);

CREATE TABLE IF NOT EXISTS users (
    event_id UUID, occurred_at DateTime, user_id UUID, tier String
) ENGINE = ReplacingMergeTree PARTITION BY toYYYYMM(occurred_at) ORDER BY (occurred_at, event_id);

CREATE TABLE IF NOT EXISTS playlists (
    event_id UUID, occurred_at DateTime, playlist_id UUID, owner_id UUID, is_public UInt8
) ENGINE = ReplacingMergeTree PARTITION BY toYYYYMM(occurred_at) ORDER BY (occurred_at, event_id);

CREATE TABLE IF NOT EXISTS voice_commands (
    event_id UUID, occurred_at DateTime, command_id UUID, user_id UUID,
    transcript String, intent String, succeeded UInt8, latency_ms Int32
) ENGINE = ReplacingMergeTree PARTITION BY toYYYYMM(occurred_at) ORDER BY (occurred_at, event_id);
