-- Deleted accounts (user.deleted). Ingestion drops their events, so a late event, a redelivery
-- or a replay from offset 0 cannot bring back what the deletion removed. Only the id is kept.
CREATE TABLE IF NOT EXISTS deleted_users (user_id UUID, deleted_at DateTime) ENGINE = ReplacingMergeTree ORDER BY user_id;
