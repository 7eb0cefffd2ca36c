package org.socialledger.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.socialledger.testing.TestPostgres;

class SchemaTest {

    @Test
    void createsTheIntegratorConfigurationTablesWithTheirLowerCaseColumns() throws Exception {
        try (Connection connection = TestPostgres.instance().connect()) {
            assertThat(columns(connection, "soc_processing_stores")).containsExactly("storeid", "merchant");
            assertThat(columns(connection, "soc_processing_merchants")).containsExactly("id", "value");
            assertThat(columns(connection, "soc_processing_terminals")).containsExactly("terminalid", "value");
        }
    }

    @Test
    void storesEventPayloadsAsBytesNeverAsLargeObjects() throws Exception {
        try (Connection connection = TestPostgres.instance().connect();
             ResultSet rows = connection.createStatement().executeQuery("""
                     SELECT table_name, column_name, data_type FROM information_schema.columns
                     WHERE table_schema = 'ledger' AND column_name IN ('payload', 'meta_data', 'token', 'serialized_saga')
                     """)) {
            int count = 0;
            while (rows.next()) {
                count++;
                assertThat(rows.getString("data_type"))
                        .as(rows.getString("table_name") + "." + rows.getString("column_name"))
                        .isEqualTo("bytea");
            }
            assertThat(count).isGreaterThanOrEqualTo(7);
        }
    }

    @Test
    void operatorSqlWrittenForTheIntegratorWorksUnchanged() throws Exception {
        try (Connection connection = TestPostgres.instance().connect()) {
            connection.setAutoCommit(false);
            connection.createStatement().execute(
                    "INSERT INTO soc_processing_stores (StoreID, merchant) VALUES ('S-SQL', 7)");
            connection.createStatement().execute(
                    "INSERT INTO soc_processing_terminals (TerminalID, value) VALUES ('S-SQL-1', '{\"TerminalNo\":\"T1\"}')");
            try (ResultSet row = connection.createStatement().executeQuery(
                    "SELECT StoreID, merchant FROM soc_processing_stores WHERE StoreID = 'S-SQL'")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getInt("merchant")).isEqualTo(7);
            }
            connection.rollback();
        }
    }

    private static List<String> columns(Connection connection, String table) throws Exception {
        List<String> names = new ArrayList<>();
        try (ResultSet rows = connection.getMetaData().getColumns(null, TestPostgres.SCHEMA, table, null)) {
            while (rows.next()) {
                names.add(rows.getString("COLUMN_NAME"));
            }
        }
        return names;
    }
}
