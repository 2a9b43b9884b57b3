-- The running instances of application-service, each seen every few seconds: the publishing
-- processor's segments are spread over the instances seen lately (axon/SegmentBalancer, issue 10).
CREATE TABLE publishing_instance (
    instance_id VARCHAR(200) PRIMARY KEY,
    seen_at     TIMESTAMPTZ  NOT NULL
);
