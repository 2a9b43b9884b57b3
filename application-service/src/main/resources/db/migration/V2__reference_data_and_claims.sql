-- Employers and universities that run collective applications (R-BANK-2, R-BANK-3, R-CHAN-3).
CREATE TABLE organisation (
    id                    VARCHAR(64)  PRIMARY KEY,
    kind                  VARCHAR(16)  NOT NULL CHECK (kind IN ('EMPLOYER', 'UNIVERSITY')),
    name                  VARCHAR(200) NOT NULL,
    district_code         VARCHAR(16)  NOT NULL,
    door_to_door_delivery BOOLEAN      NOT NULL DEFAULT FALSE
);

-- The at most 3 banks an organisation chose (checked by the application, R-BANK-2/3).
CREATE TABLE organisation_bank (
    organisation_id VARCHAR(64) NOT NULL REFERENCES organisation (id),
    bank_code       VARCHAR(16) NOT NULL REFERENCES cooperating_bank (code),
    PRIMARY KEY (organisation_id, bank_code)
);

-- Who is insured in Beijing (R-ELIG-1), loaded and kept up to date by operator imports.
CREATE TABLE insured_person (
    id_number         CHAR(18)     PRIMARY KEY,
    name              VARCHAR(100) NOT NULL,
    category          VARCHAR(32)  NOT NULL,
    district_code     VARCHAR(16)  NOT NULL,
    organisation_id   VARCHAR(64),
    pension_bank_code VARCHAR(16),
    updated_at        TIMESTAMPTZ  NOT NULL
);

-- Outlets where cards are applied for and collected (R-CHAN-2, R-PICK-*), as data.
CREATE TABLE outlet (
    name          VARCHAR(200) PRIMARY KEY,
    kind          VARCHAR(16)  NOT NULL CHECK (kind IN ('BANK_INSTANT', 'BANK', 'DISTRICT', 'STREET')),
    bank_code     VARCHAR(16)  REFERENCES cooperating_bank (code),
    district_code VARCHAR(16),
    address       VARCHAR(400)
);

INSERT INTO outlet (name, kind, bank_code, district_code, address) VALUES
    ('工商银行北京朝阳门支行', 'BANK',         'ICBC', '110101', '北京市东城区朝阳门北大街1号'),
    ('工商银行北京西单支行',   'BANK_INSTANT', 'ICBC', '110102', '北京市西城区西单北大街120号'),
    ('邮储银行北京海淀支行',   'BANK',         'PSBC', '110108', '北京市海淀区中关村大街28号'),
    ('建设银行北京通州支行',   'BANK_INSTANT', 'CCB',  '110112', '北京市通州区新华西街58号'),
    ('北京银行亦庄支行',       'BANK',         'BOB',  'BJ-ETDZ', '北京经济技术开发区荣华中路10号'),
    ('东城区社会保障卡服务中心', 'DISTRICT',   NULL,   '110101', '北京市东城区东四十条68号'),
    ('朝阳门街道社会保障卡服务站', 'STREET',   NULL,   '110101', '北京市东城区朝阳门南小街5号');

-- R-ELIG-3: at most one third-generation application per person, claimed in the transaction that
-- appends CardRequested; the unique key makes two simultaneous submissions give one application.
CREATE TABLE application_claim (
    id_number  CHAR(18)    PRIMARY KEY,
    card_id    VARCHAR(64) NOT NULL UNIQUE,
    claimed_at TIMESTAMPTZ NOT NULL
);

-- Client-supplied idempotency keys: a repeated request gets the first answer.
CREATE TABLE idempotency_key (
    key          VARCHAR(128) PRIMARY KEY,
    request_hash CHAR(64)     NOT NULL,
    status       INTEGER      NOT NULL,
    body         TEXT         NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL
);

-- Operator imports of the registry, with their progress and per-row errors.
CREATE TABLE import_job (
    id            VARCHAR(64) PRIMARY KEY,
    status        VARCHAR(16) NOT NULL,
    rows_read     INTEGER     NOT NULL,
    rows_applied  INTEGER     NOT NULL,
    rows_rejected INTEGER     NOT NULL,
    started_at    TIMESTAMPTZ NOT NULL,
    finished_at   TIMESTAMPTZ
);

CREATE TABLE import_error (
    job_id  VARCHAR(64)  NOT NULL REFERENCES import_job (id),
    line    INTEGER      NOT NULL,
    field   VARCHAR(64),
    rule    VARCHAR(32)  NOT NULL,
    message VARCHAR(400) NOT NULL,
    PRIMARY KEY (job_id, line)
);
