-- Dead letters of the card-topic consumer (card-event-consumer's DeadLetters, ADR 15): which cards
-- are parked behind a record this build could not read, and an index of the dead-letter topic's
-- records, written in one transaction with the decision. Reasons never quote a record.
CREATE TABLE parked_card (
    card_id   VARCHAR(64)  PRIMARY KEY,
    reason    VARCHAR(200) NOT NULL,
    parked_at TIMESTAMPTZ  NOT NULL
);

CREATE TABLE dead_letter (
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

CREATE INDEX dead_letter_waiting ON dead_letter (card_id, dlt_partition, dlt_offset)
    WHERE done_at IS NULL;
