import Foundation
import Logging
import PostgresNIO
import QualityStore

extension PostgresStore {
    /// One schema change: applied once, in order, recorded in `qualityd_migrations`. Applied
    /// migrations never change; a new column or table is a new migration appended to `migrations`.
    struct Migration {
        var version: Int
        var name: String
        var statements: [String]
    }

    /// The key of the session-level advisory lock held while migrating, so that replicas starting
    /// together migrate once: the others wait, then find nothing left to apply.
    public static let migrationLockKey: Int64 = 0x7175_616C_6974_7964  // "qualityd"

    /// The schema, with the tables, columns and types `SQLiteStore` has (integers as `bigint`, reals as
    /// `double precision`, blobs as `bytea`), so that rows copy across unchanged.
    static let migrations: [Migration] = [
        Migration(
            version: 1, name: "pulls",
            statements: [
                """
                CREATE TABLE pulls (
                    id bigserial PRIMARY KEY,
                    source text NOT NULL,
                    started_at bigint NOT NULL,
                    finished_at bigint NOT NULL,
                    status text NOT NULL,
                    records bigint NOT NULL,
                    rejected_total bigint NOT NULL,
                    rejected text NOT NULL,
                    bytes bigint NOT NULL,
                    duration_seconds double precision NOT NULL,
                    error text
                )
                """,
                "CREATE INDEX pulls_by_source ON pulls (source, finished_at)",
                "CREATE INDEX pulls_by_time ON pulls (finished_at)",
                "CREATE INDEX pulls_successful ON pulls (source, finished_at) WHERE status = 'success'",
            ]),
        Migration(
            version: 2, name: "snapshots",
            statements: [
                """
                CREATE TABLE snapshots (
                    id bigserial PRIMARY KEY,
                    period text NOT NULL,
                    sha256 text NOT NULL,
                    created_at bigint NOT NULL,
                    size bigint NOT NULL,
                    json bytea NOT NULL
                )
                """,
                "CREATE INDEX snapshots_by_period ON snapshots (period, created_at, id)",
            ]),
        Migration(
            version: 3, name: "scoring-runs",
            statements: [
                """
                CREATE TABLE scoring_runs (
                    id bigserial PRIMARY KEY,
                    period text NOT NULL,
                    config_sha256 text NOT NULL,
                    snapshot_sha256 text,
                    started_at bigint NOT NULL,
                    finished_at bigint NOT NULL,
                    duration_seconds double precision NOT NULL,
                    status text NOT NULL CHECK (status IN ('success', 'failure')),
                    error text,
                    result_size bigint NOT NULL,
                    result_json bytea,
                    CHECK (status = 'success' OR result_json IS NULL)
                )
                """,
                "CREATE INDEX scoring_runs_by_period ON scoring_runs (period, finished_at, id)",
                "CREATE INDEX scoring_runs_by_time ON scoring_runs (finished_at, id)",
                """
                CREATE INDEX scoring_runs_with_result ON scoring_runs (period, finished_at, id)
                    WHERE status = 'success' AND result_json IS NOT NULL
                """,
            ]),
        Migration(
            version: 4, name: "subsidy-lists",
            statements: [
                """
                CREATE TABLE subsidy_lists (
                    id bigserial PRIMARY KEY,
                    period text NOT NULL,
                    status text NOT NULL CHECK (status IN ('published', 'superseded', 'confirmed', 'revoked')),
                    sha256 text NOT NULL,
                    size bigint NOT NULL,
                    payout_count bigint NOT NULL,
                    granted_fen bigint NOT NULL,
                    notice_start bigint NOT NULL,
                    notice_end bigint NOT NULL,
                    published_by text NOT NULL,
                    published_at bigint NOT NULL,
                    confirmed_by text,
                    confirmed_at bigint,
                    revoked_by text,
                    revoked_at bigint,
                    revoke_reason text,
                    result_json bytea NOT NULL,
                    labels_json bytea
                )
                """,
                "CREATE INDEX subsidy_lists_by_period ON subsidy_lists (period, id)",
                // At most one list in force per period, whatever races the replicas run.
                """
                CREATE UNIQUE INDEX subsidy_lists_in_force ON subsidy_lists (period)
                    WHERE status IN ('published', 'confirmed')
                """,
                """
                CREATE TABLE payouts (
                    id bigserial PRIMARY KEY,
                    list_id bigint NOT NULL REFERENCES subsidy_lists (id) ON DELETE RESTRICT,
                    period text NOT NULL,
                    uscc text NOT NULL,
                    program text NOT NULL,
                    year bigint NOT NULL,
                    granted_fen bigint NOT NULL CHECK (granted_fen > 0),
                    voided_at bigint,
                    UNIQUE (list_id, uscc, program)
                )
                """,
                "CREATE INDEX payouts_in_force ON payouts (uscc, program, year) WHERE voided_at IS NULL",
            ]),
        Migration(
            version: 5, name: "audit-log",
            statements: [
                """
                CREATE TABLE audit_log (
                    id bigserial PRIMARY KEY,
                    at bigint NOT NULL,
                    who text NOT NULL,
                    action text NOT NULL,
                    period text,
                    detail text,
                    sha256 text,
                    row_count bigint
                )
                """,
                "CREATE INDEX audit_log_by_time ON audit_log (at, id)",
                // Append-only: a trigger refuses changing or removing a line, whoever asks (the
                // owner can still drop the trigger; that is a schema change, not an edit of the log).
                """
                CREATE FUNCTION qualityd_audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'the audit log is append-only: % refused', TG_OP
                        USING ERRCODE = 'insufficient_privilege';
                END
                $$
                """,
                """
                CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
                    FOR EACH ROW EXECUTE PROCEDURE qualityd_audit_log_append_only()
                """,
                """
                CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
                    FOR EACH STATEMENT EXECUTE PROCEDURE qualityd_audit_log_append_only()
                """,
            ]),
        Migration(
            version: 6, name: "sampling-plans",
            statements: [
                """
                CREATE TABLE sampling_plans (
                    id bigserial PRIMARY KEY,
                    period text NOT NULL,
                    status text NOT NULL CHECK (status IN ('drawn', 'revoked')),
                    seed text NOT NULL,
                    input_sha256 text NOT NULL,
                    sha256 text NOT NULL,
                    population bigint NOT NULL,
                    selected bigint NOT NULL,
                    drawn_by text NOT NULL,
                    drawn_at bigint NOT NULL,
                    revoked_by text,
                    revoked_at bigint,
                    revoke_reason text,
                    plan_json bytea NOT NULL
                )
                """,
                "CREATE UNIQUE INDEX sampling_plans_in_force ON sampling_plans (period) WHERE status = 'drawn'",
            ]),
        Migration(
            version: 7, name: "corrections-appeals",
            statements: [
                """
                CREATE TABLE corrections (
                    id bigserial PRIMARY KEY,
                    period text NOT NULL,
                    entity text NOT NULL CHECK (entity IN ('district', 'enterprise')),
                    entity_key text NOT NULL,
                    fact text NOT NULL,
                    value_json text NOT NULL,
                    reason text NOT NULL,
                    evidence text NOT NULL,
                    status text NOT NULL CHECK (status IN ('proposed', 'approved', 'rejected')),
                    proposed_by text NOT NULL,
                    proposed_at bigint NOT NULL,
                    decided_by text,
                    decided_at bigint,
                    decision_reason text,
                    CHECK (decided_by IS NULL OR decided_by <> proposed_by)
                )
                """,
                "CREATE INDEX corrections_by_period ON corrections (period, status, id)",
                """
                CREATE TABLE appeals (
                    id bigserial PRIMARY KEY,
                    period text NOT NULL,
                    district text NOT NULL,
                    indicator text NOT NULL,
                    appeal_text text NOT NULL,
                    status text NOT NULL CHECK (status IN ('open', 'accepted', 'rejected')),
                    recorded_by text NOT NULL,
                    recorded_at bigint NOT NULL,
                    resolved_by text,
                    resolved_at bigint,
                    resolution text,
                    correction_ids text NOT NULL
                )
                """,
                "CREATE INDEX appeals_by_period ON appeals (period, status, id)",
            ]),
        Migration(
            version: 8, name: "sessions",
            statements: [
                "CREATE TABLE sessions (id_sha256 text PRIMARY KEY, token_sha256 text NOT NULL, expires_at bigint NOT NULL)",
                "CREATE INDEX sessions_by_token ON sessions (token_sha256, expires_at)",
                "CREATE INDEX sessions_by_expiry ON sessions (expires_at)",
            ]),
    ]

    /// Applies the missing migrations on one connection of its own, holding the migration lock;
    /// returns the names of those it applied.
    static func migrate(_ config: PostgresConnectionConfig, logger: Logger) async throws(StoreError) -> [String] {
        let server = config.redacted
        let connectionConfig = try config.connectionConfiguration()
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(configuration: connectionConfig, id: 0, logger: logger)
        } catch {
            throw storeError(error, server: server)
        }
        do {
            let applied = try await migrate(on: Transaction(connection: connection, logger: logger))
            try? await connection.close()
            return applied
        } catch {
            try? await connection.close()
            throw storeError(error, server: server)
        }
    }

    private static func migrate(on session: Transaction) async throws -> [String] {
        try await session.execute("SELECT pg_advisory_lock(\(migrationLockKey))")
        try await session.execute(
            """
            CREATE TABLE IF NOT EXISTS qualityd_migrations (
                version integer PRIMARY KEY,
                name text NOT NULL,
                applied_at bigint NOT NULL
            )
            """)
        let done = Set(
            try await session.rows("SELECT version FROM qualityd_migrations").map {
                try $0.get("version", as: Int.self)
            }
        )
        var applied: [String] = []
        for migration in migrations where !done.contains(migration.version) {
            try await session.execute("BEGIN")
            do {
                for statement in migration.statements {
                    try await session.execute(PostgresQuery(unsafeSQL: statement))
                }
                let now = StoreTime.millis(Date())
                try await session.execute(
                    """
                    INSERT INTO qualityd_migrations (version, name, applied_at)
                    VALUES (\(migration.version), \(migration.name), \(now))
                    """)
                try await session.execute("COMMIT")
            } catch {
                try? await session.execute("ROLLBACK")
                throw error
            }
            applied.append(migration.name)
        }
        try await session.execute("SELECT pg_advisory_unlock(\(migrationLockKey))")
        return applied
    }

    /// The migrations applied to this database, in version order.
    public func appliedMigrations() async throws(StoreError) -> [String] {
        try await read("SELECT name FROM qualityd_migrations ORDER BY version") { rows in
            try rows.map { try $0.get("name", as: String.self) }
        }
    }
}
