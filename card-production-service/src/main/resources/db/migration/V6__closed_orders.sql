-- Issue 18: an order closed before its card was produced or handed over. Status WITHDRAWN
-- (ApplicationWithdrawn, S-WITHDRAW-1) or CANCELLED (CardCancelled, S-END-1), why (the event's
-- reason code, never an operator's note) and when (the event's occurredAt). Part of the rebuildable
-- projection: both come from the event.
ALTER TABLE production_order
    ADD COLUMN closed_reason VARCHAR(32),
    ADD COLUMN closed_at     TIMESTAMPTZ;
