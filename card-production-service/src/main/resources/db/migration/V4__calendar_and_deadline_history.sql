-- Issue 17 (ADR 19): the calendar is application-service's reference data, received here over
-- official-calendar.v1. The latest version of each year, kept so that a restart counts on it at once.
CREATE TABLE official_calendar_year (
    year        INTEGER      PRIMARY KEY,
    version     INTEGER      NOT NULL,
    calendar_id VARCHAR(32)  NOT NULL,
    notice      VARCHAR(400) NOT NULL,
    loaded_by   VARCHAR(128) NOT NULL,
    loaded_at   TIMESTAMPTZ  NOT NULL,
    days        TEXT         NOT NULL,
    received_at TIMESTAMPTZ  NOT NULL
);

-- A due date counted on a year whose notice was not loaded yet says so; the calendar years it was
-- counted on (e.g. "2026:v1 2027:provisional"); the Chinese note shown with it.
ALTER TABLE production_order
    ADD COLUMN due_date_provisional BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN calendar_version     VARCHAR(200),
    ADD COLUMN deadline_note        VARCHAR(400);

-- Every change of an order's due date after it was first set: a calendar version loaded, or a date
-- given to an order that had none. Not part of the rebuildable projection: a rebuild keeps it.
CREATE TABLE production_order_deadline_change (
    id                   BIGINT       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    card_id              VARCHAR(64)  NOT NULL,
    changed_at           TIMESTAMPTZ  NOT NULL,
    old_due_date         DATE,
    new_due_date         DATE,
    old_calendar_version VARCHAR(200),
    new_calendar_version VARCHAR(200),
    reason               VARCHAR(400) NOT NULL
);
CREATE INDEX production_order_deadline_change_card ON production_order_deadline_change (card_id, id);

-- The orders a year's calendar can touch: applied before its end, due from its start.
CREATE INDEX production_order_application_due ON production_order (due_date, application_date);
