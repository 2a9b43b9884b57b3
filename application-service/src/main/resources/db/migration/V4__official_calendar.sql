-- The official holiday arrangement of each year (issue 17, ADR 19): application-service owns it.
-- Every version an operator loaded is kept (who, when, which notice); the highest version of a year
-- is in force. The row is also the outbox of official-calendar.v1: published_at is set once the
-- broker acknowledged it (no dual write).
CREATE TABLE official_calendar_year (
    year         INTEGER      NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    version      INTEGER      NOT NULL CHECK (version >= 1),
    notice       VARCHAR(400) NOT NULL,
    loaded_by    VARCHAR(128) NOT NULL,
    loaded_at    TIMESTAMPTZ  NOT NULL,
    days         TEXT         NOT NULL,
    published_at TIMESTAMPTZ,
    PRIMARY KEY (year, version)
);

CREATE INDEX official_calendar_year_unpublished
    ON official_calendar_year (loaded_at) WHERE published_at IS NULL;
