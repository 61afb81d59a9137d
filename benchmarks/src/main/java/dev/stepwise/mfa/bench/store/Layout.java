package dev.stepwise.mfa.bench.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The table layout a run measures ({@code layout=} of {@link StoreAtScale}): {@code as-is} is the library's schema
 * as its installer creates it; {@code hot} applies {@link #HOT} to it before the tables are filled, so that the
 * rows a verification updates leave room on their page for the new version (a HOT update: no index entry written,
 * the old version pruned on the page) instead of moving to a new page of a table filled to the last byte.
 */
final class Layout {

    /**
     * The proposed DDL (benchmarks/notes/store.md): free space on the pages of the tables whose rows every sign-in
     * updates. None of their updated columns is indexed, so with room on the page the updates are HOT. On an
     * existing store the setting applies to pages written from then on; {@code VACUUM FULL} of the table (an
     * exclusive lock while it rewrites) applies it to all.
     */
    static final List<String> HOT = List.of(
            "ALTER TABLE stepwise_totp SET (fillfactor = 90)",
            "ALTER TABLE stepwise_attempt SET (fillfactor = 70)",
            "ALTER TABLE stepwise_trusted_device SET (fillfactor = 90)");

    private Layout() {
    }

    /** Applies the layout named {@code name} to the freshly installed, still empty tables of {@code ds}. */
    static void apply(DataSource ds, String name) throws SQLException {
        List<String> ddl = switch (name) {
            case "as-is" -> List.of();
            case "hot" -> HOT;
            default -> throw new IllegalArgumentException("layout is as-is or hot, not " + name);
        };
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            for (String sql : ddl) {
                st.execute(sql);
            }
        }
    }
}
