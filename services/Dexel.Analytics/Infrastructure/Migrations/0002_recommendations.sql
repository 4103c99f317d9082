-- A listener's likes by user, for serving recommendations; filled from likes stored so far.
CREATE TABLE IF NOT EXISTS likes_by_user (
    event_id UUID, occurred_at DateTime, user_id UUID, track_id UUID, liked UInt8
) ENGINE = ReplacingMergeTree PARTITION BY toYYYYMM(occurred_at) ORDER BY (user_id, occurred_at, event_id);

CREATE MATERIALIZED VIEW IF NOT EXISTS likes_by_user_mv TO likes_by_user AS
    SELECT event_id, occurred_at, user_id, track_id, liked FROM likes;

INSERT INTO likes_by_user SELECT event_id, occurred_at, user_id, track_id, liked FROM likes;

-- Trained item-item models; the newest complete one is served, so a restart does not start cold.
CREATE TABLE IF NOT EXISTS recommendation_models (
    version UInt64, trained_at DateTime, interactions UInt64, tracks UInt32
) ENGINE = MergeTree ORDER BY version;

CREATE TABLE IF NOT EXISTS recommendation_neighbors (
    version UInt64, track_id UUID, neighbor_id UUID, rank UInt16, score Float32
) ENGINE = MergeTree ORDER BY (version, track_id, rank);
