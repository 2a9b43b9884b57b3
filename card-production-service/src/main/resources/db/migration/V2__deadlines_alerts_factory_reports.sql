-- Production deadlines (R-SLA-1..5), computed from CardRequested on the official calendar, and the
-- production failures the factory reported. All from events: a rebuild gives the same rows.
ALTER TABLE production_order
    ADD COLUMN application_date    DATE,
    ADD COLUMN due_date            DATE,
    ADD COLUMN deadline_rule       VARCHAR(16),
    ADD COLUMN deadline_problem    VARCHAR(400),
    ADD COLUMN failure_count       INT NOT NULL DEFAULT 0,
    ADD COLUMN last_failure_reason VARCHAR(500),
    ADD COLUMN last_failed_at      TIMESTAMPTZ;

-- Open orders by deadline (due today, overdue), and the per-outlet listings of a bank.
CREATE INDEX production_order_open_due ON production_order (due_date, card_id)
    WHERE status IN ('ORDERED', 'PRODUCTION_FAILED');
CREATE INDEX production_order_bank_outlet ON production_order (bank_code, outlet_name, status);

-- The service's own fact: an order passed its deadline unproduced. One per order (card_id unique),
-- whatever the restarts; published to production-alerts.v1 from here (outbox), published_at set
-- only after Kafka acknowledged. Not part of the rebuildable projection: a rebuild keeps it.
CREATE TABLE production_overdue_alert (
    alert_id     VARCHAR(100) PRIMARY KEY,
    card_id      VARCHAR(64)  NOT NULL UNIQUE,
    bank_code    VARCHAR(16)  NOT NULL,
    due_date     DATE         NOT NULL,
    detected_at  TIMESTAMPTZ  NOT NULL,
    published_at TIMESTAMPTZ
);
CREATE INDEX production_overdue_alert_unpublished ON production_overdue_alert (detected_at)
    WHERE published_at IS NULL;

-- What the card factory reported, kept until application-service accepted or refused it. Sent in
-- seq order per card; state PENDING -> APPLIED | DUPLICATE | REFUSED. Not part of the projection.
CREATE TABLE factory_report (
    report_id       VARCHAR(64)   PRIMARY KEY,
    seq             BIGINT        GENERATED ALWAYS AS IDENTITY UNIQUE,
    factory_id      VARCHAR(64)   NOT NULL,
    reference       VARCHAR(100),
    card_id         VARCHAR(64)   NOT NULL,
    kind            VARCHAR(24)   NOT NULL,
    card_number     VARCHAR(9),
    reason          VARCHAR(500),
    method          VARCHAR(32),
    tracking_number VARCHAR(64),
    outlet_name     VARCHAR(200),
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
    CONSTRAINT factory_report_reference UNIQUE (factory_id, reference)
);
CREATE INDEX factory_report_due ON factory_report (next_attempt_at) WHERE state = 'PENDING';
CREATE INDEX factory_report_card ON factory_report (card_id, seq);
CREATE INDEX factory_report_state ON factory_report (state, seq);
