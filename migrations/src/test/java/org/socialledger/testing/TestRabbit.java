package org.socialledger.testing;

import java.util.UUID;
import org.testcontainers.containers.RabbitMQContainer;

/**
 * The RabbitMQ integration tests talk to, resolved once per JVM like {@link TestPostgres}: a
 * Testcontainers broker where Docker answers, else the one named by {@code LEDGER_TEST_RABBIT_HOST}
 * (default the local broker at 127.0.0.1:5672, guest/guest). Tests use queue names of their own
 * ({@link #uniqueQueue}), so runs never read each other's messages.
 */
public final class TestRabbit {

    private static volatile TestRabbit instance;

    private final String host;
    private final int port;
    private final String username;
    private final String password;

    private TestRabbit(String host, int port, String username, String password) {
        this.host = host;
        this.port = port;
        this.username = username;
        this.password = password;
    }

    public static TestRabbit instance() {
        TestRabbit known = instance;
        if (known == null) {
            synchronized (TestRabbit.class) {
                if (instance == null) {
                    instance = start();
                }
                known = instance;
            }
        }
        return known;
    }

    private static TestRabbit start() {
        String host = System.getenv("LEDGER_TEST_RABBIT_HOST");
        if (host == null && TestPostgres.dockerAvailable()) {
            RabbitMQContainer container = new RabbitMQContainer("rabbitmq:3.13-management-alpine");
            container.start();
            return new TestRabbit(container.getHost(), container.getAmqpPort(), container.getAdminUsername(),
                    container.getAdminPassword());
        }
        return new TestRabbit(host != null ? host : "127.0.0.1",
                Integer.parseInt(env("LEDGER_TEST_RABBIT_PORT", "5672")),
                env("LEDGER_TEST_RABBIT_USER", "guest"), env("LEDGER_TEST_RABBIT_PASSWORD", "guest"));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value != null ? value : fallback;
    }

    public static String uniqueQueue(String prefix) {
        return prefix + ".test-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }
}
