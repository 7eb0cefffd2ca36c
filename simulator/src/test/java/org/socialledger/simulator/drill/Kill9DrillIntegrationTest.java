package org.socialledger.simulator.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.socialledger.simulator.demo.Options;
import org.socialledger.testing.TestPostgres;
import org.socialledger.testing.TestRabbit;

/**
 * The kill9 drill, short, in CI: the service jar of this same build SIGKILLed under till load
 * and started again on the local PostgreSQL (a fresh database) and RabbitMQ (a fresh queue);
 * afterwards nothing lost, nothing doubled, every till answered, every history intact. One kill
 * and no abandoned reservations (they wait a whole qrTtl) keep it near two minutes on a busy
 * machine where the service needs most of a minute to start; {@code drills/run kill9} does ten.
 */
class Kill9DrillIntegrationTest {

    @Test
    void killedUnderLoadTheServiceLosesAndDoublesNothing() throws Exception {
        Path serviceJar = Path.of("../service/target/service-0.1.0-SNAPSHOT.jar");
        assertThat(serviceJar).as("the service jar of this build (build module service first)").exists();
        URI postgres = URI.create(TestPostgres.instance().jdbcUrl().substring("jdbc:".length()));
        TestRabbit rabbit = TestRabbit.instance();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

        List<Verdict> verdicts = new Drills(Options.parse(
                "--service-jar=" + serviceJar,
                "--postgres-host=" + postgres.getHost(),
                "--postgres-port=" + postgres.getPort(),
                "--postgres-user=" + TestPostgres.instance().user(),
                "--postgres-password=" + TestPostgres.instance().password(),
                "--amqp-host=" + rabbit.host(),
                "--amqp-port=" + rabbit.port(),
                "--amqp-user=" + rabbit.username(),
                "--amqp-password=" + rabbit.password(),
                "--kills=1", "--payments=40", "--tills=4", "--rate=4",
                "--mix=FULL_SOCIAL:30,PARTIAL:20,BUYER_DECLINES:8,VOIDED:6,REFUND:8,DUPLICATE:5,STATUS:5"), out)
                .run(List.of("kill9"));

        String report = output.toString(StandardCharsets.UTF_8);
        System.out.println(report);
        Files.writeString(Path.of("target/drill-kill9.txt"), report);
        assertThat(verdicts).hasSize(1);
        Verdict verdict = verdicts.get(0);
        assertThat(verdict.problems()).as(report).isEmpty();
        assertThat(verdict.lost()).isZero();
        assertThat(verdict.doubled()).isZero();
        assertThat(verdict.recovered()).isEqualTo(verdict.faults()).isEqualTo(1);
        assertThat(verdict.payments()).isGreaterThanOrEqualTo(40);
    }
}
