import FluentKit
import FluentSQL

/// The directory of public bodies (*Annuaire de l'administration*, SPEC §8): one row per
/// body, keyed by its DILA id (`mairie-<INSEE code>` for the shipped town halls) so that a
/// re-import updates rather than duplicates; the body as JSON for its page; the columns the
/// search filters and ranks on (`GuichetCore/Directory`). The text index is each engine's
/// own: an FTS5 table kept by triggers on SQLite, a generated `tsvector` under a GIN index
/// on PostgreSQL. `public_body_words` lists the indexed words, for typos;
/// `directory_sources` remembers which shipped data was loaded.
struct CreatePublicBody: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("public_bodies")
            .field("id", .string, .identifier(auto: false))
            .field("name", .string, .required)
            .field("sort_key", .string, .required)
            // " mairie caf ": a kind is matched with LIKE '% caf %'.
            .field("kinds", .string, .required)
            .field("postal_code", .string)
            .field("insee_code", .string)
            .field("commune_key", .string, .required)
            .field("search_text", .string, .required)
            .field("body", .string, .required)
            .field("shipped", .bool, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.sql.create(index: "public_bodies_insee").on("public_bodies").column("insee_code").run()
        try await database.sql.create(index: "public_bodies_postal").on("public_bodies").column("postal_code").run()
        try await database.sql.create(index: "public_bodies_sort").on("public_bodies").column("sort_key").column("id").run()
        if database.sql.dialect.name == "sqlite" {
            try await database.sql.raw("CREATE VIRTUAL TABLE public_bodies_fts USING fts5(search_text, content='public_bodies', content_rowid='rowid')").run()
            try await database.sql.raw("""
                CREATE TRIGGER public_bodies_inserted AFTER INSERT ON public_bodies BEGIN
                  INSERT INTO public_bodies_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
                END
                """).run()
            try await database.sql.raw("""
                CREATE TRIGGER public_bodies_deleted AFTER DELETE ON public_bodies BEGIN
                  INSERT INTO public_bodies_fts (public_bodies_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
                END
                """).run()
            try await database.sql.raw("""
                CREATE TRIGGER public_bodies_updated AFTER UPDATE ON public_bodies BEGIN
                  INSERT INTO public_bodies_fts (public_bodies_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
                  INSERT INTO public_bodies_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
                END
                """).run()
        } else {
            try await database.sql.raw("ALTER TABLE public_bodies ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED").run()
            try await database.sql.raw("CREATE INDEX public_bodies_search ON public_bodies USING gin (search_vector)").run()
        }
        // Each body under each kind group it is searched by (`PublicBodyKind.groups`), in
        // name order: a search by kind alone ("mairie", 35,000 of them) counts and pages
        // through one range of this index instead of reading every row.
        try await database.schema("public_body_kinds")
            .field("kind", .string, .required)
            .field("sort_key", .string, .required)
            .field("body_id", .string, .required)
            .create()
        let binaryOrder = database.sql.dialect.name == "sqlite" ? "" : " COLLATE \"C\""
        try await database.sql.raw("""
            CREATE INDEX public_body_kinds_order ON public_body_kinds (kind, sort_key\(unsafeRaw: binaryOrder), body_id\(unsafeRaw: binaryOrder))
            """).run()
        try await database.sql.create(index: "public_body_kinds_body").on("public_body_kinds").column("body_id").run()
        // Every word of the search texts, once: where a typo is looked up (`closeWords`).
        try await database.schema("public_body_words")
            .field("word", .string, .identifier(auto: false))
            .create()
        try await database.schema("directory_sources")
            .field("name", .string, .identifier(auto: false))
            .field("fingerprint", .string, .required)
            .field("loaded_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("directory_sources").delete()
        try await database.schema("public_body_words").delete()
        try await database.schema("public_body_kinds").delete()
        if database.sql.dialect.name == "sqlite" {
            for trigger in ["public_bodies_inserted", "public_bodies_deleted", "public_bodies_updated"] {
                try await database.sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: trigger)").run()
            }
            try await database.sql.raw("DROP TABLE IF EXISTS public_bodies_fts").run()
        }
        try await database.schema("public_bodies").delete()
    }
}
