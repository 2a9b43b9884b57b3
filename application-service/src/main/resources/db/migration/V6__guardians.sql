-- Issue 16, item 1 (R-BANK-4, ADR 22): a guardian acts for a minor only where the relation is a
-- recorded fact, never because an application says so. A relation is recorded either by the
-- registry import (source REGISTRY: the minor's guardians by ID number, column guardian_id_numbers)
-- or by the staff of an outlet who checked the guardian's documents in person (source IN_PERSON: a
-- bank at its own outlet, an operator at a district or street outlet). Rows are never rewritten
-- except to close them: a registry import that no longer lists a guardian sets withdrawn_at. Only
-- the masked document number is kept.
CREATE TABLE guardian_relation (
    id                     BIGSERIAL    PRIMARY KEY,
    minor_id_number        CHAR(18)     NOT NULL,
    guardian_id_number     CHAR(18)     NOT NULL,
    source                 VARCHAR(16)  NOT NULL CHECK (source IN ('REGISTRY', 'IN_PERSON')),
    document_type          VARCHAR(32),
    document_number_masked VARCHAR(40),
    outlet_name            VARCHAR(200),
    staff_id               VARCHAR(64),
    recorded_by_role       VARCHAR(32)  NOT NULL,
    recorded_by            VARCHAR(128) NOT NULL,
    import_id              VARCHAR(64),
    correlation_id         VARCHAR(128),
    recorded_at            TIMESTAMPTZ  NOT NULL,
    withdrawn_at           TIMESTAMPTZ,
    withdrawn_by           VARCHAR(128),
    CHECK (minor_id_number <> guardian_id_number),
    CHECK (source = 'REGISTRY' OR (document_type IS NOT NULL AND document_number_masked IS NOT NULL
                                   AND outlet_name IS NOT NULL AND staff_id IS NOT NULL))
);

CREATE INDEX guardian_relation_in_force
    ON guardian_relation (minor_id_number, guardian_id_number) WHERE withdrawn_at IS NULL;
