import QualityConfig
import QualityCore
import Testing

/// `storage.postgres` as a mapping (`url`, `pool`) or as a plain URL, its password through `${ENV}`.
@Suite struct StorageConfigTests {
    @Test func theMappingFormWithAPasswordFromTheEnvironment() throws {
        let yaml = Base.appending(
            "storage:\n  postgres: { url: \"postgres://qualityd:${PGPASSWORD}@db:5432/quality\", pool: 16 }\n")
        let c = try load(yaml, environment: ["PGPASSWORD": "s3cret"]).config
        #expect(c.storage.postgres == PostgresStorage(url: "postgres://qualityd:s3cret@db:5432/quality", pool: 16))
        #expect(c.storage.sqlite == nil)
    }

    @Test func thePlainURLFormKeepsWorkingWithEightConnections() throws {
        let c = try load(Base.appending("storage: { postgres: \"postgres://q@db/quality\" }\n")).config
        #expect(c.storage.postgres == PostgresStorage(url: "postgres://q@db/quality", pool: 8))
    }

    @Test func refusalsNameTheKey() {
        #expect(
            errors(Base.appending("storage:\n  postgres: { url: \"mysql://db/q\", pool: 0 }\n")) == [
                Expected(25, 20, "storage.postgres.url", "expected a postgres:// URL"),
                Expected(25, 42, "storage.postgres.pool", "expected 1 to 1000 connections (found 0)"),
            ])
        #expect(
            errors(Base.appending("storage:\n  postgres: { pool: 4 }\n")) == [
                Expected(25, 13, "storage.postgres.url", "missing required key 'url'")
            ])
        #expect(
            errors(Base.appending("storage:\n  postgres: { url: \"postgres://q@db/q\", size: 4 }\n")) == [
                Expected(25, 41, "storage.postgres.size", "unknown key 'size'")
            ])
    }
}
