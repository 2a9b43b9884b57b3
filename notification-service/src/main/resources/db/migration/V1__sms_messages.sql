-- How far each card's events have been applied (card-event-consumer's CardEventPositions).
CREATE TABLE card_event_position (
    card_id       VARCHAR(64) PRIMARY KEY,
    last_sequence BIGINT      NOT NULL
);

-- Whom to write to about a card: taken from CardRequested. The bank is kept for the pickup
-- notices that the issuing bank signs (R-PICK-2).
CREATE TABLE card_contact (
    card_id   VARCHAR(64) PRIMARY KEY,
    mobile    VARCHAR(20) NOT NULL,
    bank_code VARCHAR(16) NOT NULL
);

-- One row per message an event gives one recipient: the unique key is what makes "sent once"
-- hold across redeliveries, restarts and replays.
CREATE TABLE sms_message (
    id               BIGSERIAL    PRIMARY KEY,
    card_id          VARCHAR(64)  NOT NULL,
    event_sequence   BIGINT       NOT NULL,
    event_id         VARCHAR(64)  NOT NULL,
    template         VARCHAR(64)  NOT NULL,
    recipient_mobile VARCHAR(20)  NOT NULL,
    body             VARCHAR(500) NOT NULL,
    status           VARCHAR(16)  NOT NULL,
    event_occurred_at TIMESTAMPTZ NOT NULL,
    UNIQUE (card_id, event_sequence, recipient_mobile)
);
