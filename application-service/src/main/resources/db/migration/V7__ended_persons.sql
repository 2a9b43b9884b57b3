-- Issue 18 (S-END-1): the registry of insured persons says a person's insurance ended because they
-- died (DECEASED) or emigrated (EMIGRATED), in the import's optional column `ended`. Once recorded it
-- stays: a later import that leaves the column empty does not clear it. After each batch of the
-- import is committed, every live card of each such person is cancelled (CardCancelled, source
-- REGISTRY); the job counts the cards it cancelled.
ALTER TABLE insured_person ADD COLUMN ended VARCHAR(16);
ALTER TABLE import_job ADD COLUMN cards_cancelled INTEGER NOT NULL DEFAULT 0;
