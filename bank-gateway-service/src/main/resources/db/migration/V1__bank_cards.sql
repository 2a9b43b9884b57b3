-- How far each card's events have been applied (card-event-consumer's CardEventPositions).
CREATE TABLE card_event_position (
    card_id       VARCHAR(64) PRIMARY KEY,
    last_sequence BIGINT      NOT NULL
);

-- Each card as its issuing bank sees it: what the bank needs to make the card and open the
-- account, and where the card is. A bank reads only rows with its own bank_code.
CREATE TABLE bank_card (
    card_id           VARCHAR(64)  PRIMARY KEY,
    bank_code         VARCHAR(16)  NOT NULL,
    status            VARCHAR(32)  NOT NULL,
    applicant_name    VARCHAR(100) NOT NULL,
    id_number         CHAR(18)     NOT NULL,
    mobile            VARCHAR(20)  NOT NULL,
    collection_method VARCHAR(32)  NOT NULL,
    outlet_name       VARCHAR(200),
    address           VARCHAR(400),
    card_number       CHAR(9),
    tracking_number   VARCHAR(64),
    requested_at      TIMESTAMPTZ  NOT NULL,
    updated_at        TIMESTAMPTZ  NOT NULL
);

CREATE INDEX bank_card_bank_status ON bank_card (bank_code, status);
