-- Issue 16, item 4 (ADR 24, S-FACTORY-1): which factories produce which bank's cards. This
-- service's reference data, changed by operators only (PUT/POST /factory-assignments).
CREATE TABLE factory_assignment (
    bank_code   VARCHAR(16)  NOT NULL,
    factory_id  VARCHAR(64)  NOT NULL,
    assigned_at TIMESTAMPTZ  NOT NULL,
    assigned_by VARCHAR(128) NOT NULL,
    PRIMARY KEY (bank_code, factory_id)
);
CREATE INDEX factory_assignment_factory ON factory_assignment (factory_id);

-- Each bank's cards are produced by its card bureau, and in the local run and the demo by the
-- factory simulator standing in for it (FactorySimulator.factoryOf).
INSERT INTO factory_assignment (bank_code, factory_id, assigned_at, assigned_by)
SELECT bank.code, bank.code || suffix.value, now(), 'V5__factory_assignment'
FROM (VALUES ('ICBC'), ('ABC'), ('BOC'), ('CCB'), ('BOCOM'), ('BOB'), ('HXB'), ('BJRCB'),
             ('CITIC'), ('CEB'), ('CMBC'), ('CGB'), ('CMB'), ('SPDB'), ('PSBC')) AS bank (code)
CROSS JOIN (VALUES ('-card-bureau'), ('-card-bureau-simulator')) AS suffix (value);

-- Every change of a bank's factories, audited: who, when, the factories before and after, why, and
-- how many of the bank's orders moved with it. Never updated or deleted.
CREATE TABLE factory_assignment_change (
    id                BIGINT        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    bank_code         VARCHAR(16)   NOT NULL,
    changed_at        TIMESTAMPTZ   NOT NULL,
    changed_by        VARCHAR(128)  NOT NULL,
    old_factories     VARCHAR(64)[] NOT NULL,
    new_factories     VARCHAR(64)[] NOT NULL,
    reason            VARCHAR(400)  NOT NULL,
    orders_reassigned BIGINT        NOT NULL
);
CREATE INDEX factory_assignment_change_bank ON factory_assignment_change (bank_code, id);

-- The factories an order is assigned to: those of its bank, sorted (set from CardRequested, moved by
-- IssuingBankChanged and by an operator's change of the bank's factories).
ALTER TABLE production_order ADD COLUMN factories VARCHAR(64)[] NOT NULL DEFAULT '{}';
UPDATE production_order o
SET factories = ARRAY(SELECT a.factory_id FROM factory_assignment a
                      WHERE a.bank_code = o.bank_code ORDER BY a.factory_id COLLATE "C");
CREATE INDEX production_order_factories ON production_order USING GIN (factories);
