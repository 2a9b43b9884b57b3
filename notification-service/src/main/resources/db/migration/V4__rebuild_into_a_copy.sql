-- A rebuild now replays into a copy of the schema and switches over (card-event-consumer's
-- ProjectionRebuild, ADR 13): what its replay queues in the outbox stays in the copy and is
-- dropped, so the replay horizon that kept an in-place replay from sending again is not needed.
-- A message the replay queues that was never sent is marked NOT_SENT_REPLAY at the switch.
DROP TABLE replay_horizon;
