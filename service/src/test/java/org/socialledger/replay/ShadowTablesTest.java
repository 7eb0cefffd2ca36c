package org.socialledger.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The shadow tables come from the live tables' own migration, split into statements correctly. */
class ShadowTablesTest {

    @Test
    void aSemicolonInsideAStringOrACommentDoesNotEndAStatement() {
        List<String> statements = ProjectionReplay.statements("""
                -- a comment; with a semicolon
                CREATE TABLE t (a INT);
                COMMENT ON TABLE t IS 'one; two (''quoted''); three';
                CREATE INDEX t_a ON t (a);
                """);

        assertThat(statements).containsExactly("CREATE TABLE t (a INT)",
                "COMMENT ON TABLE t IS 'one; two (''quoted''); three'", "CREATE INDEX t_a ON t (a)");
    }
}
