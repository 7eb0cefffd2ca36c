package org.socialledger.simulator.deploy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** The PostgreSQL the service keeps its schema {@code ledger} in. */
public record Database(String url, String user, String password) {

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }
}
