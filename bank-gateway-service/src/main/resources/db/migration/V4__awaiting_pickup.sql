-- Issue 18 (S-LIST-3, S-PICKUP-1): the cards waiting at a bank's outlets for pickup, from the card
-- events: dispatched to an outlet (CardDispatched OUTLET_PICKUP) or returned by the mail there
-- (MailReturned, S-MAIL-2), reminded (PickupPeriodEnding), gone back to the bank's central store
-- (UncollectedCardReturned); the row goes when the card is collected, delivered, cancelled or
-- replaced. waiting_since is the business day in Beijing the card arrived (from the event's
-- occurredAt, or the sweep's own waitingSince), never the wall clock: a rebuild gives the same rows.
CREATE TABLE bank_pickup (
    card_id       VARCHAR(64)  PRIMARY KEY,
    bank_code     VARCHAR(16)  NOT NULL,
    outlet_name   VARCHAR(200) NOT NULL,
    state         VARCHAR(24)  NOT NULL,
    waiting_since DATE         NOT NULL,
    reminded      BOOLEAN      NOT NULL DEFAULT FALSE,
    pickup_ends   DATE,
    updated_at    TIMESTAMPTZ  NOT NULL
);

CREATE INDEX bank_pickup_bank_outlet ON bank_pickup (bank_code, outlet_name, state, waiting_since);
