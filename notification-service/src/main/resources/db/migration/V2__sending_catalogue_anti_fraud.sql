-- Issue 6: a catalogue of messages as data, bank and outlet reference data, an outbox that really
-- sends through an SMS gateway, delivery receipts, replay protection and anti-fraud patterns.

-- ---- Reference data an operator reads and extends ------------------------------------------

-- The cooperating banks (R-BANK-1, FACTS.md): the name is the signature of the notices the bank
-- sends (pickup notices come from the issuing bank, R-PICK-2). A 16th bank is one INSERT.
CREATE TABLE bank (
    code VARCHAR(16) PRIMARY KEY,
    name VARCHAR(16) NOT NULL UNIQUE
);
INSERT INTO bank (code, name) VALUES
    ('ICBC', '工商银行'),
    ('ABC', '农业银行'),
    ('BOC', '中国银行'),
    ('CCB', '建设银行'),
    ('BOCOM', '交通银行'),
    ('BOB', '北京银行'),
    ('HXB', '华夏银行'),
    ('BJRCB', '北京农商银行'),
    ('CITIC', '中信银行'),
    ('CEB', '光大银行'),
    ('CMBC', '民生银行'),
    ('CGB', '广发银行'),
    ('CMB', '招商银行'),
    ('SPDB', '浦发银行'),
    ('PSBC', '邮政储蓄银行');

-- Bank outlets by the name the events carry, for the address in a pickup notice. Filled by
-- operators from the banks' outlet lists; an outlet not listed is named without an address.
CREATE TABLE outlet (
    name      VARCHAR(128) PRIMARY KEY,
    bank_code VARCHAR(16),
    address   VARCHAR(200) NOT NULL
);

-- The message catalogue: which trigger (an event type, with the collection method for
-- CardDispatched) gives which text, signed by whom. {name} marks a value taken from the event.
-- HRSS signs 【北京人社】; ISSUING_BANK signs with the bank's name from the bank table.
CREATE TABLE sms_template (
    code        VARCHAR(64)  PRIMARY KEY,
    trigger     VARCHAR(64)  NOT NULL UNIQUE,
    signer      VARCHAR(16)  NOT NULL CHECK (signer IN ('HRSS', 'ISSUING_BANK')),
    body        VARCHAR(300) NOT NULL,
    description VARCHAR(300) NOT NULL
);
INSERT INTO sms_template (code, trigger, signer, body, description) VALUES
    ('APPLICATION_ACCEPTED', 'CardRequested', 'HRSS',
     '您的第三代社会保障卡申领已受理，制卡完成后将短信通知您。社保部门和银行不会索要您的银行卡号、密码或验证码。',
     'The application was accepted; carries the notice''s anti-fraud reminder.'),
    ('READY_FOR_PICKUP', 'CardDispatched/OUTLET_PICKUP', 'ISSUING_BANK',
     '您的第三代社会保障卡已制作完成，请携带有效身份证件到{outlet}领取，领卡时可现场启用社保功能、激活金融功能。',
     'Ready at the chosen outlet (R-PICK-2: sent by the issuing bank). {outlet}: name, and address when the outlet table has it.'),
    ('MAILED', 'CardDispatched/MAIL', 'HRSS',
     '您的社会保障卡已交邮寄送，快递单号{trackingNumber}，请注意查收。',
     'Mailed (R-PICK-3), with the courier''s tracking number.'),
    ('DOOR_TO_DOOR_SCHEDULED', 'CardDispatched/DOOR_TO_DOOR', 'HRSS',
     '您的社会保障卡已制作完成，发卡银行将上门送卡，请留意单位经办人通知。',
     'The bank will deliver at the employer (R-PICK-4).'),
    ('PRODUCTION_OVERDUE', 'ProductionOverdue', 'HRSS',
     '您的第三代社会保障卡应于{dueDate}前制作完成，目前已超期，我们正在督促加快制作，完成后将短信通知您。',
     'Production passed its legal deadline (R-SLA-*), from card-production-service''s alert. {dueDate}: 2025年4月2日.'),
    ('ENABLED_OLD_CARD_INVALID', 'SocialFunctionEnabled', 'HRSS',
     '您的第三代社会保障卡社保功能已启用，原社会保障卡同时失效。',
     'Enabled; the old card stopped working at that moment (R-OLD-2). OldCardInvalidated follows and gives no second message.'),
    ('FINANCIAL_FUNCTION_ACTIVATED', 'FinancialFunctionActivated', 'ISSUING_BANK',
     '您的第三代社会保障卡金融功能已在{outlet}激活。',
     'The financial function was activated in person at the issuing bank (R-PICK-2..4), signed by that bank.'),
    ('REPLACEMENT_READY', 'ReplacementReady', 'ISSUING_BANK',
     '您补领或换领的第三代社会保障卡已制作完成，请携带有效身份证件到{outlet}领取。',
     'A replacement card is ready (R-LOSS-1). No event gives it yet: it waits for a replacement event in the contract.');

-- ---- The projection: what each event gave each recipient ------------------------------------

-- Whom to write to about a card and what the anti-fraud patterns need, from the card's events.
-- mobile: the recipient (holder, or guardian for a minor), 11 digits. The address and the ID
-- number are not kept: address_key and person_key are keyed hashes (HMAC) that only group cards,
-- address_masked is what operators see.
ALTER TABLE card_contact ALTER COLUMN bank_code TYPE TEXT;
ALTER TABLE card_contact ALTER COLUMN mobile TYPE VARCHAR(32);
ALTER TABLE card_contact ADD COLUMN collection_method VARCHAR(16);
ALTER TABLE card_contact ADD COLUMN address_key     CHAR(64);
ALTER TABLE card_contact ADD COLUMN address_masked  TEXT;
ALTER TABLE card_contact ADD COLUMN person_key      CHAR(64);
ALTER TABLE card_contact ADD COLUMN requested_at    TIMESTAMPTZ;
ALTER TABLE card_contact ADD COLUMN produced_at     TIMESTAMPTZ;
ALTER TABLE card_contact ADD COLUMN dispatched_at   TIMESTAMPTZ;
ALTER TABLE card_contact ADD COLUMN dispatch_method VARCHAR(16);
CREATE INDEX card_contact_mobile ON card_contact (mobile);
CREATE INDEX card_contact_address ON card_contact (address_key);
CREATE INDEX card_contact_person ON card_contact (person_key);

-- A person applied again with another mobile (the same person_key): the anti-fraud pattern
-- "mobile changed shortly before a mailed card is dispatched".
CREATE TABLE mobile_change (
    card_id          VARCHAR(64) PRIMARY KEY,
    previous_card_id VARCHAR(64) NOT NULL,
    previous_mobile  VARCHAR(32) NOT NULL,
    new_mobile       VARCHAR(32) NOT NULL,
    changed_at       TIMESTAMPTZ NOT NULL
);

-- sms_message becomes the decision per (card, event, recipient): QUEUED (handed to the outbox),
-- BLOCKED (the anti-fraud policy refused it: never sent, block_reason says why) or
-- NOT_SENT_REPLAY (an event already handled before a rebuild: never sent again). event_key is
-- 'card-event/<sequence>' or 'production-alert/<alertId>'. message_id identifies the message at
-- the gateway: md5(card_id|event_key|recipient) as a UUID, the same every time it is derived.
ALTER TABLE sms_message RENAME COLUMN status TO decision;
ALTER TABLE sms_message ALTER COLUMN event_sequence DROP NOT NULL;
ALTER TABLE sms_message ALTER COLUMN event_id TYPE TEXT;
ALTER TABLE sms_message ALTER COLUMN body TYPE TEXT;
ALTER TABLE sms_message ALTER COLUMN recipient_mobile TYPE VARCHAR(32);
ALTER TABLE sms_message ADD COLUMN source       VARCHAR(32) NOT NULL DEFAULT 'card-lifecycle.v1';
ALTER TABLE sms_message ADD COLUMN event_key    TEXT;
ALTER TABLE sms_message ADD COLUMN event_type   VARCHAR(64);
ALTER TABLE sms_message ADD COLUMN signature    VARCHAR(32) NOT NULL DEFAULT '北京人社';
ALTER TABLE sms_message ADD COLUMN message_id   UUID;
ALTER TABLE sms_message ADD COLUMN block_reason TEXT;
UPDATE sms_message SET event_key = 'card-event/' || event_sequence;
UPDATE sms_message
   SET message_id = md5(card_id || '|' || event_key || '|' || recipient_mobile)::uuid;
-- Messages recorded before sending existed were never sent; they are history, not news.
UPDATE sms_message SET decision = 'NOT_SENT_REPLAY' WHERE decision = 'PENDING';
ALTER TABLE sms_message ALTER COLUMN event_key SET NOT NULL;
ALTER TABLE sms_message ALTER COLUMN message_id SET NOT NULL;
ALTER TABLE sms_message ALTER COLUMN source DROP DEFAULT;
ALTER TABLE sms_message ALTER COLUMN signature DROP DEFAULT;
ALTER TABLE sms_message DROP CONSTRAINT sms_message_card_id_event_sequence_recipient_mobile_key;
ALTER TABLE sms_message ADD CONSTRAINT sms_message_once UNIQUE (card_id, event_key, recipient_mobile);
ALTER TABLE sms_message ADD CONSTRAINT sms_message_id UNIQUE (message_id);
CREATE INDEX sms_message_blocked ON sms_message (event_occurred_at) WHERE decision = 'BLOCKED';

-- A rebuild copies each card's position here before it clears the projection: an event at or
-- below it was handled before, so its messages are recorded but never sent again.
CREATE TABLE replay_horizon (
    card_id       VARCHAR(64) PRIMARY KEY,
    last_sequence BIGINT      NOT NULL
);

-- The ProductionOverdue alerts already handled (deduplication on alertId).
CREATE TABLE production_alert (
    alert_id    TEXT PRIMARY KEY,
    card_id     VARCHAR(64) NOT NULL,
    due_date    DATE        NOT NULL,
    detected_at TIMESTAMPTZ
);

-- ---- Sending: never rebuilt, it is what went over the wire ----------------------------------

-- The outbox: one row per message to hand to the gateway, written in the transaction that
-- recorded the message. SENT only once the gateway accepted it; retried with backoff meanwhile.
-- status: QUEUED, SENT, REJECTED (the gateway refused the request), FAILED (gave up after
-- max attempts), BLOCKED (the policy refused the text right before sending).
CREATE TABLE sms_outbox (
    message_id         UUID        PRIMARY KEY,
    card_id            VARCHAR(64) NOT NULL,
    template           VARCHAR(64) NOT NULL,
    recipient_mobile   VARCHAR(32) NOT NULL,
    signature          VARCHAR(32) NOT NULL,
    text               TEXT        NOT NULL,
    text_fingerprint   CHAR(64)    NOT NULL,
    status             VARCHAR(16) NOT NULL,
    queued_at          TIMESTAMPTZ NOT NULL,
    attempts           INT         NOT NULL DEFAULT 0,
    next_attempt_at    TIMESTAMPTZ NOT NULL,
    lease_until        TIMESTAMPTZ,
    first_attempt_at   TIMESTAMPTZ,
    sent_at            TIMESTAMPTZ,
    gateway_message_id TEXT,
    last_error         TEXT
);
CREATE INDEX sms_outbox_due ON sms_outbox (next_attempt_at) WHERE status = 'QUEUED';
CREATE INDEX sms_outbox_phone_window ON sms_outbox (recipient_mobile, first_attempt_at);
CREATE INDEX sms_outbox_check ON sms_outbox (recipient_mobile, text_fingerprint);

-- Delivery receipts pulled from the gateway (DELIVERED or UNDELIVERED), one per message.
CREATE TABLE sms_receipt (
    message_id         UUID        PRIMARY KEY,
    gateway_message_id TEXT,
    status             VARCHAR(16) NOT NULL,
    reported_at        TIMESTAMPTZ NOT NULL
);

-- How far the gateway's receipts have been read.
CREATE TABLE gateway_receipt_cursor (
    gateway  VARCHAR(64) PRIMARY KEY,
    last_seq BIGINT      NOT NULL
);
