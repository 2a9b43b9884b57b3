-- How far each card's events have been applied (card-event-consumer's CardEventPositions).
CREATE TABLE card_event_position (
    card_id       VARCHAR(64) PRIMARY KEY,
    last_sequence BIGINT      NOT NULL
);

-- One production order per accepted application.
CREATE TABLE production_order (
    card_id           VARCHAR(64)  PRIMARY KEY,
    bank_code         VARCHAR(16)  NOT NULL,
    channel           VARCHAR(64),
    collection_method VARCHAR(32)  NOT NULL,
    outlet_name       VARCHAR(200),
    status            VARCHAR(32)  NOT NULL,
    ordered_at        TIMESTAMPTZ  NOT NULL,
    card_number       CHAR(9),
    produced_at       TIMESTAMPTZ,
    dispatched_at     TIMESTAMPTZ,
    tracking_number   VARCHAR(64),
    handed_over_at    TIMESTAMPTZ,
    updated_at        TIMESTAMPTZ  NOT NULL
);

CREATE INDEX production_order_bank_status ON production_order (bank_code, status);
