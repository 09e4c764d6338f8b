import GRDB

extension SQLiteStore {
    /// The schema, one named migration per concern. Applied migrations never change; a new column or
    /// table is a new migration appended here.
    ///
    /// Times are integer milliseconds since the Unix epoch (UTC). Each table's JSON blob is its last
    /// column so that reading the other columns never touches the blob's overflow pages.
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-pulls") { db in
            try db.execute(
                sql: """
                    CREATE TABLE pulls (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        source TEXT NOT NULL,
                        started_at INTEGER NOT NULL,
                        finished_at INTEGER NOT NULL,
                        status TEXT NOT NULL,
                        records INTEGER NOT NULL,
                        rejected_total INTEGER NOT NULL,
                        rejected TEXT NOT NULL,
                        bytes INTEGER NOT NULL,
                        duration_seconds REAL NOT NULL,
                        error TEXT
                    );
                    CREATE INDEX pulls_by_source ON pulls(source, finished_at);
                    CREATE INDEX pulls_by_time ON pulls(finished_at);
                    CREATE INDEX pulls_successful ON pulls(source, finished_at) WHERE status = 'success';
                    """)
        }
        migrator.registerMigration("v1-snapshots") { db in
            try db.execute(
                sql: """
                    CREATE TABLE snapshots (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        period TEXT NOT NULL,
                        sha256 TEXT NOT NULL,
                        created_at INTEGER NOT NULL,
                        size INTEGER NOT NULL,
                        json BLOB NOT NULL
                    );
                    CREATE INDEX snapshots_by_period ON snapshots(period, created_at, id);
                    """)
        }
        migrator.registerMigration("v1-scoring-runs") { db in
            try db.execute(
                sql: """
                    CREATE TABLE scoring_runs (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        period TEXT NOT NULL,
                        config_sha256 TEXT NOT NULL,
                        snapshot_sha256 TEXT,
                        started_at INTEGER NOT NULL,
                        finished_at INTEGER NOT NULL,
                        duration_seconds REAL NOT NULL,
                        status TEXT NOT NULL CHECK (status IN ('success', 'failure')),
                        error TEXT,
                        result_size INTEGER NOT NULL,
                        result_json BLOB,
                        CHECK (status = 'success' OR result_json IS NULL)
                    );
                    CREATE INDEX scoring_runs_by_period ON scoring_runs(period, finished_at, id);
                    CREATE INDEX scoring_runs_by_time ON scoring_runs(finished_at, id);
                    CREATE INDEX scoring_runs_with_result ON scoring_runs(period, finished_at, id)
                        WHERE status = 'success' AND result_json IS NOT NULL;
                    """)
        }
        migrator.registerMigration("v1-subsidy-lists") { db in
            try db.execute(
                sql: """
                    CREATE TABLE subsidy_lists (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        period TEXT NOT NULL,
                        status TEXT NOT NULL CHECK (status IN ('published', 'superseded', 'confirmed', 'revoked')),
                        sha256 TEXT NOT NULL,
                        size INTEGER NOT NULL,
                        payout_count INTEGER NOT NULL,
                        granted_fen INTEGER NOT NULL,
                        notice_start INTEGER NOT NULL,
                        notice_end INTEGER NOT NULL,
                        published_by TEXT NOT NULL,
                        published_at INTEGER NOT NULL,
                        confirmed_by TEXT,
                        confirmed_at INTEGER,
                        revoked_by TEXT,
                        revoked_at INTEGER,
                        revoke_reason TEXT,
                        result_json BLOB NOT NULL
                    );
                    CREATE INDEX subsidy_lists_by_period ON subsidy_lists(period, id);
                    -- At most one list in force per period, whatever races the callers run.
                    CREATE UNIQUE INDEX subsidy_lists_in_force ON subsidy_lists(period)
                        WHERE status IN ('published', 'confirmed');
                    CREATE TABLE payouts (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        list_id INTEGER NOT NULL REFERENCES subsidy_lists(id) ON DELETE RESTRICT,
                        period TEXT NOT NULL,
                        uscc TEXT NOT NULL,
                        program TEXT NOT NULL,
                        year INTEGER NOT NULL,
                        granted_fen INTEGER NOT NULL CHECK (granted_fen > 0),
                        voided_at INTEGER,
                        UNIQUE (list_id, uscc, program)
                    );
                    CREATE INDEX payouts_in_force ON payouts(uscc, program, year) WHERE voided_at IS NULL;
                    """)
        }
        migrator.registerMigration("v1-audit-log") { db in
            try db.execute(
                sql: """
                    CREATE TABLE audit_log (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        at INTEGER NOT NULL,
                        who TEXT NOT NULL,
                        action TEXT NOT NULL,
                        period TEXT,
                        detail TEXT,
                        sha256 TEXT,
                        row_count INTEGER
                    );
                    CREATE INDEX audit_log_by_time ON audit_log(at, id);
                    """)
        }
        migrator.registerMigration("v2-list-labels") { db in
            // What a frozen list needs from the config to render as it was published (names, basis).
            try db.execute(sql: "ALTER TABLE subsidy_lists ADD COLUMN labels_json BLOB")
        }
        migrator.registerMigration("v3-sampling-plans") { db in
            // Frozen sampling plans (docs/SAMPLING.md); at most one drawn plan per period.
            try db.execute(
                sql: """
                    CREATE TABLE sampling_plans (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        period TEXT NOT NULL,
                        status TEXT NOT NULL CHECK (status IN ('drawn', 'revoked')),
                        seed TEXT NOT NULL,
                        input_sha256 TEXT NOT NULL,
                        sha256 TEXT NOT NULL,
                        population INTEGER NOT NULL,
                        selected INTEGER NOT NULL,
                        drawn_by TEXT NOT NULL,
                        drawn_at INTEGER NOT NULL,
                        revoked_by TEXT,
                        revoked_at INTEGER,
                        revoke_reason TEXT,
                        plan_json BLOB NOT NULL
                    );
                    CREATE UNIQUE INDEX sampling_plans_in_force ON sampling_plans(period) WHERE status = 'drawn';
                    """)
        }
        migrator.registerMigration("v4-corrections-appeals") { db in
            // Corrections of bureau facts with four eyes, and districts' appeals (docs/SEMANTICS.md §14).
            // Plain types only: the PostgreSQL store creates the same tables.
            try db.execute(
                sql: """
                    CREATE TABLE corrections (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        period TEXT NOT NULL,
                        entity TEXT NOT NULL CHECK (entity IN ('district', 'enterprise')),
                        entity_key TEXT NOT NULL,
                        fact TEXT NOT NULL,
                        value_json TEXT NOT NULL,
                        reason TEXT NOT NULL,
                        evidence TEXT NOT NULL,
                        status TEXT NOT NULL CHECK (status IN ('proposed', 'approved', 'rejected')),
                        proposed_by TEXT NOT NULL,
                        proposed_at INTEGER NOT NULL,
                        decided_by TEXT,
                        decided_at INTEGER,
                        decision_reason TEXT,
                        CHECK (decided_by IS NULL OR decided_by <> proposed_by)
                    );
                    CREATE INDEX corrections_by_period ON corrections(period, status, id);
                    CREATE TABLE appeals (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        period TEXT NOT NULL,
                        district TEXT NOT NULL,
                        indicator TEXT NOT NULL,
                        appeal_text TEXT NOT NULL,
                        status TEXT NOT NULL CHECK (status IN ('open', 'accepted', 'rejected')),
                        recorded_by TEXT NOT NULL,
                        recorded_at INTEGER NOT NULL,
                        resolved_by TEXT,
                        resolved_at INTEGER,
                        resolution TEXT,
                        correction_ids TEXT NOT NULL
                    );
                    CREATE INDEX appeals_by_period ON appeals(period, status, id);
                    """)
        }
        migrator.registerMigration("v5-sessions") { db in
            // Browser sessions, by the SHA-256 of their id (the cookie's value is never stored).
            try db.execute(
                sql: """
                    CREATE TABLE sessions (
                        id_sha256 TEXT PRIMARY KEY,
                        token_sha256 TEXT NOT NULL,
                        expires_at INTEGER NOT NULL
                    );
                    CREATE INDEX sessions_by_token ON sessions(token_sha256, expires_at);
                    CREATE INDEX sessions_by_expiry ON sessions(expires_at);
                    """)
        }
        return migrator
    }()
}
