package org.socialledger.simulator.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.socialledger.testing.TestPostgres;
import org.socialledger.testing.TestRabbit;

/**
 * A short shop day in CI: the service jar built by this same build, the real local PostgreSQL
 * (a fresh database) and RabbitMQ, the bank simulator and a fleet of tills through every
 * scenario; zero mismatches and the ledgers agree to the kopeck.
 */
class ShopDayIntegrationTest {

    @Test
    void everyScenarioEndsAsTheRulesSayAndTheLedgersAgree() throws Exception {
        Path serviceJar = Path.of("../service/target/service-0.1.0-SNAPSHOT.jar");
        assertThat(serviceJar).as("the service jar of this build (module service is built first)").exists();
        TestPostgres postgres = TestPostgres.instance();
        TestRabbit rabbit = TestRabbit.instance();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

        boolean ok = new Demo(Options.parse(
                "--service-jar=" + serviceJar,
                "--postgres-url=" + postgres.jdbcUrl(),
                "--postgres-user=" + postgres.user(),
                "--postgres-password=" + postgres.password(),
                "--amqp-host=" + rabbit.host(),
                "--amqp-port=" + rabbit.port(),
                "--amqp-user=" + rabbit.username(),
                "--amqp-password=" + rabbit.password(),
                "--queue=" + TestRabbit.uniqueQueue("soc_processing"),
                "--payments=60", "--tills=4", "--stores=2", "--qr-ttl=1"), out).run();

        String report = output.toString(StandardCharsets.UTF_8);
        System.out.println(report);
        Files.writeString(Path.of("target/shop-day.txt"), report);
        assertThat(report).contains("mismatches: 0", "reconciliation ok").doesNotContain("MISMATCH", "DIFFERENCE");
        assertThat(ok).isTrue();
    }
}
