-- The anti-fraud note of a person who applied again with another mobile reads the person's latest
-- earlier card (SmsProjection.remember: WHERE person_key = ? ORDER BY requested_at DESC LIMIT 1).
-- With the index on person_key alone, PostgreSQL fetched and sorted every card of the person on
-- each CardRequested; with requested_at in the index it reads one entry. Found by the benchmark's
-- million-event replay (docs/benchmark.md).
DROP INDEX card_contact_person;
CREATE INDEX card_contact_person ON card_contact (person_key, requested_at);
