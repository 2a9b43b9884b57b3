-- Issue 18 item 8 (S-LIST-1, S-LIST-2) and item 5 (S-PICKUP-1): one row per card, for the lists and
-- the pickup sweep. Kept by index/CardIndexProjection in a subscribing event processor, in the
-- transaction that appends the card's events: never behind the store, rolled back with it. Every
-- column comes from the events (payload and metadata) alone, so POST /card-index/rebuild, which
-- folds the whole store again, gives the same rows.
CREATE TABLE card_index (
    card_id               VARCHAR(64)  PRIMARY KEY,
    holder_id_number      CHAR(18)     NOT NULL,   -- for lookups only; never shown unmasked
    holder_name           VARCHAR(100),
    guardian_id_number    CHAR(18),                 -- the application's guardian (R-BANK-4), if any
    organisation_id       VARCHAR(64),              -- who applied through EMPLOYER_COLLECTIVE or
                                                    -- UNIVERSITY_COLLECTIVE; null otherwise
    channel               VARCHAR(40),              -- CardRequested's channel; null for a replacement
    status                VARCHAR(32)  NOT NULL,
    bank_code             VARCHAR(16),
    collection_method     VARCHAR(16),
    outlet_name           VARCHAR(200),             -- where the card waits, else the chosen outlet
    application_date      DATE,
    waiting_since         DATE,                     -- business day it arrived at an outlet
    pickup_reminded       BOOLEAN      NOT NULL DEFAULT FALSE,
    returned_to_bank      BOOLEAN      NOT NULL DEFAULT FALSE,
    updated_sequence      BIGINT       NOT NULL
);

CREATE INDEX card_index_holder ON card_index (holder_id_number);
CREATE INDEX card_index_waiting ON card_index (status, waiting_since) WHERE waiting_since IS NOT NULL;
-- S-LIST-2 lists an organisation's people by the registry's membership (as security/CardAccess).
CREATE INDEX insured_person_organisation ON insured_person (organisation_id);
CREATE INDEX guardian_relation_of_guardian
    ON guardian_relation (guardian_id_number) WHERE withdrawn_at IS NULL;

-- S-PICKUP-1: how long a card waits at an outlet, and how many days before the end its holder is
-- reminded. Reference data with one row, kept by operators (GET/PUT /pickup-period).
CREATE TABLE pickup_period (
    id                    SMALLINT     PRIMARY KEY CHECK (id = 1),
    days                  INTEGER      NOT NULL CHECK (days BETWEEN 1 AND 365),
    reminder_days_before  INTEGER      NOT NULL CHECK (reminder_days_before >= 0
                                                       AND reminder_days_before < days),
    updated_by            VARCHAR(128) NOT NULL,
    updated_at            TIMESTAMPTZ  NOT NULL
);

INSERT INTO pickup_period (id, days, reminder_days_before, updated_by, updated_at)
    VALUES (1, 90, 10, 'shipped', now());
