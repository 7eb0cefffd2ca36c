package org.socialledger.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * The PostgreSQL every integration test talks to, resolved once per JVM: a Testcontainers
 * PostgreSQL where a Docker engine answers, else the server named by {@code LEDGER_TEST_PG_URL}
 * (default: the local one at 127.0.0.1:5432, trust auth). Each JVM gets a database of its own,
 * created fresh and dropped at exit, so test runs never see each other's rows. Never an
 * in-memory stand-in.
 */
public final class TestPostgres {

    public static final String SCHEMA = "ledger";

    private static volatile TestPostgres instance;

    private final String serverUrl;
    private final String user;
    private final String password;
    private final String database;

    private TestPostgres(String serverUrl, String user, String password) {
        this.serverUrl = serverUrl;
        this.user = user;
        this.password = password;
        this.database = "ledger_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
                .toLowerCase(Locale.ROOT);
    }

    public static TestPostgres instance() {
        TestPostgres known = instance;
        if (known == null) {
            synchronized (TestPostgres.class) {
                if (instance == null) {
                    instance = start();
                }
                known = instance;
            }
        }
        return known;
    }

    private static TestPostgres start() {
        TestPostgres postgres;
        String url = System.getenv("LEDGER_TEST_PG_URL");
        if (url == null && dockerAvailable()) {
            PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:15-alpine");
            container.start();
            postgres = new TestPostgres(container.getJdbcUrl(), container.getUsername(), container.getPassword());
        } else {
            postgres = new TestPostgres(url != null ? url : "jdbc:postgresql://127.0.0.1:5432/postgres",
                    env("LEDGER_TEST_PG_USER", "postgres"), env("LEDGER_TEST_PG_PASSWORD", ""));
        }
        postgres.createDatabase();
        Runtime.getRuntime().addShutdownHook(new Thread(postgres::dropDatabase, "drop-test-database"));
        Flyway.configure()
                .dataSource(postgres.jdbcUrl(), postgres.user, postgres.password)
                .defaultSchema(SCHEMA)
                .createSchemas(true)
                .load()
                .migrate();
        return postgres;
    }

    /** Asks Testcontainers only when an engine could be there: it logs loud errors when none is. */
    static boolean dockerAvailable() {
        if (System.getenv("DOCKER_HOST") == null && !java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value != null ? value : fallback;
    }

    /** JDBC url of this JVM's database, tables in schema {@value #SCHEMA}. */
    public String jdbcUrl() {
        String base = serverUrl.replaceFirst("/[^/?]*(\\?.*)?$", "/" + database);
        return base + "?currentSchema=" + SCHEMA;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user, password);
    }

    private void createDatabase() {
        try (Connection admin = DriverManager.getConnection(serverUrl, user, password);
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database on " + serverUrl
                    + " (is PostgreSQL running? .ci/run starts it)", e);
        }
    }

    private void dropDatabase() {
        try (Connection admin = DriverManager.getConnection(serverUrl, user, password);
             Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("Could not drop test database " + database + ": " + e.getMessage());
        }
    }
}
