-- Axon's JDBC event store, token store and snapshot table, with snake_case names
-- (AxonSetup.eventSchema / tokenSchema must match).
CREATE TABLE domain_event_entry (
    global_index         BIGSERIAL    NOT NULL PRIMARY KEY,
    event_identifier     VARCHAR(255) NOT NULL UNIQUE,
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    type                 VARCHAR(255),
    time_stamp           VARCHAR(255) NOT NULL,
    payload_type         VARCHAR(255) NOT NULL,
    payload_revision     VARCHAR(255),
    payload              BYTEA        NOT NULL,
    meta_data            BYTEA,
    UNIQUE (aggregate_identifier, sequence_number)
);

CREATE TABLE snapshot_event_entry (
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    type                 VARCHAR(255) NOT NULL,
    event_identifier     VARCHAR(255) NOT NULL UNIQUE,
    time_stamp           VARCHAR(255) NOT NULL,
    payload_type         VARCHAR(255) NOT NULL,
    payload_revision     VARCHAR(255),
    payload              BYTEA        NOT NULL,
    meta_data            BYTEA,
    PRIMARY KEY (aggregate_identifier, sequence_number)
);

CREATE TABLE token_entry (
    processor_name VARCHAR(255) NOT NULL,
    segment        INTEGER      NOT NULL,
    token          BYTEA,
    token_type     VARCHAR(255),
    time_stamp     VARCHAR(255),
    owner          VARCHAR(255),
    PRIMARY KEY (processor_name, segment)
);

-- R-BANK-1: the cooperating banks, as data an operator can extend (FACTS.md).
CREATE TABLE cooperating_bank (
    code         VARCHAR(16)  NOT NULL PRIMARY KEY,
    name_zh      VARCHAR(64)  NOT NULL,
    name_en      VARCHAR(128) NOT NULL,
    cnaps_code   CHAR(12)     NOT NULL UNIQUE,
    swift_code   VARCHAR(11)  NOT NULL
);

INSERT INTO cooperating_bank (code, name_zh, name_en, cnaps_code, swift_code) VALUES
    ('ICBC',  '工商银行',     'Industrial and Commercial Bank of China', '102100099996', 'ICBKCNBJ'),
    ('ABC',   '农业银行',     'Agricultural Bank of China',              '103100000026', 'ABOCCNBJ'),
    ('BOC',   '中国银行',     'Bank of China',                           '104100000004', 'BKCHCNBJ'),
    ('CCB',   '建设银行',     'China Construction Bank',                 '105100000017', 'PCBCCNBJ'),
    ('BOCOM', '交通银行',     'Bank of Communications',                  '301290000007', 'COMMCNSH'),
    ('BOB',   '北京银行',     'Bank of Beijing',                         '313100000013', 'BJCNCNBJ'),
    ('HXB',   '华夏银行',     'Hua Xia Bank',                            '304100040000', 'HXBKCNBJ'),
    ('BJRCB', '北京农商银行', 'Beijing Rural Commercial Bank',           '402100000018', 'BRCBCNBJ'),
    ('CITIC', '中信银行',     'China CITIC Bank',                        '302100011000', 'CIBKCNBJ'),
    ('CEB',   '光大银行',     'China Everbright Bank',                   '303100000006', 'EVERCNBJ'),
    ('CMBC',  '民生银行',     'China Minsheng Banking Corp.',            '305100000013', 'MSBCCNBJ'),
    ('CGB',   '广发银行',     'China Guangfa Bank',                      '306581000003', 'GDBKCN22'),
    ('CMB',   '招商银行',     'China Merchants Bank',                    '308584000013', 'CMBCCNBS'),
    ('SPDB',  '浦发银行',     'Shanghai Pudong Development Bank',        '310290000013', 'SPDBCNSH'),
    ('PSBC',  '邮政储蓄银行', 'Postal Savings Bank of China',            '403100000004', 'PSBCCNBJ');
