-- A rebuild now replays into a copy of the schema and switches over (card-event-consumer's
-- ProjectionRebuild, ADR 13): what its replay appends to feeds stays in the copy and is dropped, so
-- the replay horizon that kept an in-place replay from feeding the banks again is not needed.
DROP TABLE feed_replay_horizon;
