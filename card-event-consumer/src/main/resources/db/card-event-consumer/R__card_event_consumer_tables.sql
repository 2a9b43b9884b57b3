-- card-event-consumer's own tables, in the schema of each service that hosts a projection (ADR 26).
-- One location for the three services (quarkus.flyway.locations=db/migration,db/card-event-consumer).
-- A repeatable migration: it runs after the service's versioned migrations, and again whenever this
-- file changes, so every statement here must be idempotent (IF NOT EXISTS, ADD COLUMN IF NOT EXISTS).
-- Databases migrated before ADR 26 already have these tables from the services' own migrations
-- (V1 for card_event_position; V4, V3 and V5 for the dead letters): there it changes nothing.

-- Each card's last applied sequence number: the exactly-once effect (CardEventPositions, ADR 4).
CREATE TABLE IF NOT EXISTS card_event_position (
    card_id       VARCHAR(64) PRIMARY KEY,
    last_sequence BIGINT      NOT NULL
);

-- Dead letters of the card-topic consumer (DeadLetters, ADR 15): which cards are parked behind a
-- record this build could not read, and an index of the dead-letter topic's records, written in one
-- transaction with the decision. Reasons never quote a record.
CREATE TABLE IF NOT EXISTS parked_card (
    card_id   VARCHAR(64)  PRIMARY KEY,
    reason    VARCHAR(200) NOT NULL,
    parked_at TIMESTAMPTZ  NOT NULL
);

CREATE TABLE IF NOT EXISTS dead_letter (
    dlt_partition    INT          NOT NULL,
    dlt_offset       BIGINT       NOT NULL,
    card_id          VARCHAR(64),              -- null: a record without a key
    reason           VARCHAR(200) NOT NULL,
    event_type       VARCHAR(100),             -- when the record was an envelope
    event_version    INT,
    sequence         BIGINT,
    source_topic     VARCHAR(249) NOT NULL,
    source_partition INT          NOT NULL,
    source_offset    BIGINT       NOT NULL,
    dead_lettered_at TIMESTAMPTZ  NOT NULL,
    done_at          TIMESTAMPTZ,              -- re-driven or discarded
    outcome          VARCHAR(16),              -- REDRIVEN or DISCARDED
    PRIMARY KEY (dlt_partition, dlt_offset)
);

CREATE INDEX IF NOT EXISTS dead_letter_waiting ON dead_letter (card_id, dlt_partition, dlt_offset)
    WHERE done_at IS NULL;
