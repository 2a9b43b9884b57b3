-- Issue 5: each bank's feed of its own cards, what the banks report back, and the card's state
-- as its bank must know it (financial function, loss report, replacement).

-- The projection: more of the card, all from events (rebuilt from the topic).
ALTER TABLE bank_card
    ADD COLUMN financial_active BOOLEAN     NOT NULL DEFAULT FALSE,
    ADD COLUMN reported_lost    BOOLEAN     NOT NULL DEFAULT FALSE,
    ADD COLUMN replaces_card_id VARCHAR(64),
    ADD COLUMN replaced_by      VARCHAR(64);
-- A retiree's new bank finds the card by the number printed on it (R-BANK-6).
CREATE INDEX bank_card_number ON bank_card (card_number);

-- One feed per bank: the last position handed out (positions are 1, 2, 3, ... per bank, without
-- gaps, taken under this row's lock so that they become visible in position order), and how far
-- the bank acknowledged reading it over REST. Not cleared by a rebuild.
CREATE TABLE bank_feed (
    bank_code        VARCHAR(16) PRIMARY KEY,
    last_position    BIGINT      NOT NULL,
    last_message_at  TIMESTAMPTZ NOT NULL,
    acknowledged     BIGINT      NOT NULL DEFAULT 0,
    acknowledged_at  TIMESTAMPTZ
);

-- Every message of every bank's feed, exactly as the bank receives it (body = the JSON of the
-- bank feed format v1), in the feed's order. It is also the outbox of the per-bank Kafka topics:
-- published_at is set once Kafka acknowledged the message. Not cleared by a rebuild.
CREATE TABLE bank_feed_message (
    id            BIGINT       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    bank_code     VARCHAR(16)  NOT NULL,
    position      BIGINT       NOT NULL,
    message_id    VARCHAR(36)  NOT NULL UNIQUE,
    message_type  VARCHAR(40)  NOT NULL,
    card_id       VARCHAR(64)  NOT NULL,
    card_sequence BIGINT       NOT NULL,
    occurred_at   TIMESTAMPTZ  NOT NULL,
    body          TEXT         NOT NULL,
    published_at  TIMESTAMPTZ,
    CONSTRAINT bank_feed_message_position UNIQUE (bank_code, position)
);
CREATE INDEX bank_feed_message_unpublished ON bank_feed_message (bank_code, id)
    WHERE published_at IS NULL;

-- A rebuild's replay horizon: each card's last applied sequence when the projection was cleared.
-- Replayed events at or below it change the projection but never add to a bank's feed again.
CREATE TABLE feed_replay_horizon (
    card_id       VARCHAR(64) PRIMARY KEY,
    last_sequence BIGINT      NOT NULL
);

-- What the banks reported (handed over, delivered, financial function activated, social function
-- enabled, a retiree's bank change), kept until application-service accepted or refused it. Sent
-- in seq order per card; state PENDING -> APPLIED | DUPLICATE | REFUSED. Not part of the
-- projection.
CREATE TABLE bank_report (
    report_id       VARCHAR(64)   PRIMARY KEY,
    seq             BIGINT        GENERATED ALWAYS AS IDENTITY UNIQUE,
    bank_code       VARCHAR(16)   NOT NULL,
    reference       VARCHAR(100),
    card_id         VARCHAR(64)   NOT NULL,
    kind            VARCHAR(24)   NOT NULL,
    channel         VARCHAR(32)   NOT NULL,
    outlet_name     VARCHAR(200),
    method          VARCHAR(32),
    card_number     VARCHAR(9),
    received_at     TIMESTAMPTZ   NOT NULL,
    state           VARCHAR(16)   NOT NULL,
    attempts        INT           NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ   NOT NULL,
    last_error      VARCHAR(1000),
    outcome_rule    VARCHAR(64),
    outcome_message VARCHAR(500),
    outcome_detail  VARCHAR(1000),
    card_status     VARCHAR(32),
    decided_at      TIMESTAMPTZ,
    CONSTRAINT bank_report_reference UNIQUE (bank_code, reference)
);
CREATE INDEX bank_report_due ON bank_report (next_attempt_at) WHERE state = 'PENDING';
CREATE INDEX bank_report_card ON bank_report (card_id, seq);
CREATE INDEX bank_report_bank_state ON bank_report (bank_code, state, seq);
