-- Ingest: situations and their sources, each source's cursor, the batches committed, quarantined records and run
-- statistics. A batch's row, its quarantined records, its originals and its source's new cursor are written in one
-- transaction, after the batch's posts are durable in the post index (exactly once; see IngestLedger).

-- Situations as defined in config/situations.yml (or built in, or created by `import`), with ADMIN's edits.
-- file_hash is the hash of the file's definition when it was last applied: a changed file wins over UI edits.
CREATE TABLE situation (
    id          VARCHAR(64) PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    description VARCHAR(4000) NOT NULL DEFAULT '',
    start_time  TIMESTAMP WITH TIME ZONE NOT NULL,
    zone        VARCHAR(64) NOT NULL,
    keywords    VARCHAR(4000) NOT NULL DEFAULT '',   -- one per line
    languages   VARCHAR(500) NOT NULL DEFAULT '',    -- ISO 639-1, one per line
    origin      VARCHAR(16) NOT NULL,                -- file | builtin | import
    file_hash   VARCHAR(64),
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by  VARCHAR(100)
);

CREATE TABLE source (
    id           VARCHAR(64) PRIMARY KEY,
    situation_id VARCHAR(64) NOT NULL REFERENCES situation (id),
    kind         VARCHAR(32) NOT NULL,
    settings     VARCHAR(16000) NOT NULL DEFAULT '{}', -- JSON: the kind's settings as written in the file
    interval_ms  BIGINT NOT NULL,
    enabled      BOOLEAN NOT NULL,
    defined      BOOLEAN NOT NULL DEFAULT TRUE,        -- false once the file no longer lists it
    origin       VARCHAR(16) NOT NULL,
    file_hash    VARCHAR(64),
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by   VARCHAR(100)
);

-- Where each source's reading stands. stream is '' for a scheduled source, the file for an `import`.
CREATE TABLE source_cursor (
    source_id  VARCHAR(64) NOT NULL,
    stream     VARCHAR(1000) NOT NULL,
    cursor     CLOB NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (source_id, stream)
);

CREATE TABLE ingest_batch (
    id            BIGINT AUTO_INCREMENT PRIMARY KEY,
    source_id     VARCHAR(64) NOT NULL,
    situation_id  VARCHAR(64) NOT NULL,
    committed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    fetched       INT NOT NULL,   -- posts the connector delivered
    added         INT NOT NULL,   -- new in the store
    redelivered   INT NOT NULL,   -- already stored (same id): re-delivery, or a re-fetch after a crash
    copies        INT NOT NULL,   -- new posts whose text duplicates another post (grouped by the engine)
    quarantined   INT NOT NULL,   -- records or posts kept aside
    earliest      TIMESTAMP WITH TIME ZONE,
    latest        TIMESTAMP WITH TIME ZONE,
    seconds       DOUBLE PRECISION NOT NULL
);
CREATE INDEX ingest_batch_source ON ingest_batch (source_id, committed_at);

CREATE TABLE quarantine (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    source_id    VARCHAR(64) NOT NULL,
    situation_id VARCHAR(64) NOT NULL,
    batch_id     BIGINT,
    kind         VARCHAR(16) NOT NULL,     -- record (unreadable) | post (the engine refused it)
    format       VARCHAR(8),               -- jsonl | csv | tsv, when known (re-runs need it)
    header       VARCHAR(8000),            -- CSV/TSV header line, when known (re-runs need it)
    position     VARCHAR(1000) NOT NULL,
    reason       VARCHAR(2000) NOT NULL,
    raw          VARBINARY(4096) NOT NULL, -- the record's first bytes (Quarantined.MAX_RAW_BYTES)
    raw_length   BIGINT NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    resolved_at  TIMESTAMP WITH TIME ZONE, -- set when a re-run read it into a post
    resolution   VARCHAR(200)
);
CREATE INDEX quarantine_source ON quarantine (source_id, resolved_at, id);

-- A post's text as delivered, when ingest's normalisation (NFC, control characters, length cap) changed it.
CREATE TABLE post_original (
    post_id VARCHAR(600) PRIMARY KEY,
    text    CLOB NOT NULL
);

-- Running totals per source for its health; updated with every batch and every failed run.
CREATE TABLE source_stats (
    source_id            VARCHAR(64) PRIMARY KEY,
    runs                 BIGINT NOT NULL DEFAULT 0,
    last_run             TIMESTAMP WITH TIME ZONE,
    last_success         TIMESTAMP WITH TIME ZONE,
    posts_in             BIGINT NOT NULL DEFAULT 0,
    redelivered          BIGINT NOT NULL DEFAULT 0,
    copies               BIGINT NOT NULL DEFAULT 0,
    quarantined          BIGINT NOT NULL DEFAULT 0,
    errors               BIGINT NOT NULL DEFAULT 0,
    consecutive_failures INT NOT NULL DEFAULT 0,
    last_error           VARCHAR(2000),
    last_error_at        TIMESTAMP WITH TIME ZONE,
    retry_not_before     TIMESTAMP WITH TIME ZONE,
    newest_post          TIMESTAMP WITH TIME ZONE
);
