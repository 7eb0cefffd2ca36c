package org.socialledger.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.socialledger.testing.TestPostgres;

class JournalSchemaTest {

    @Test
    void journalHasTheIntegratorsColumnsInItsOrder() throws Exception {
        List<String> columns = new ArrayList<>();
        try (Connection connection = TestPostgres.instance().connect();
             ResultSet rows = connection.createStatement().executeQuery("""
                     SELECT column_name, data_type, is_nullable FROM information_schema.columns
                     WHERE table_schema = 'ledger' AND table_name = 'soc_processing_operations'
                     ORDER BY ordinal_position
                     """)) {
            while (rows.next()) {
                columns.add(rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3));
            }
        }

        assertThat(columns).containsExactly("op_date timestamp with time zone NO", "id bytea NO", "cancel bytea YES",
                "data jsonb NO");
    }
}
