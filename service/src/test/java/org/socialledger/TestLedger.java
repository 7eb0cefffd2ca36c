package org.socialledger;

import java.util.ArrayList;
import java.util.List;
import org.socialledger.testing.TestPostgres;
import org.socialledger.testing.TestRabbit;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the whole service against this JVM's test database, as {@code java -jar} would, with
 * overrides passed as arguments (they win over application.yml). Tests that restart the
 * application use it; the others share one cached {@code @SpringBootTest} context.
 */
public final class TestLedger {

    private TestLedger() {
    }

    public static ConfigurableApplicationContext start(String... extraArgs) {
        TestPostgres postgres = TestPostgres.instance();
        TestRabbit rabbit = TestRabbit.instance();
        List<String> args = new ArrayList<>(List.of(
                "--spring.datasource.url=" + postgres.jdbcUrl(),
                "--spring.datasource.username=" + postgres.user(),
                "--spring.datasource.password=" + postgres.password(),
                "--spring.rabbitmq.host=" + rabbit.host(),
                "--spring.rabbitmq.port=" + rabbit.port(),
                "--spring.rabbitmq.username=" + rabbit.username(),
                "--spring.rabbitmq.password=" + rabbit.password(),
                "--server.port=0"));
        args.addAll(List.of(extraArgs));
        if (args.stream().noneMatch(arg -> arg.startsWith("--ledger.till.queue="))) {
            // Never consume from a real soc_processing queue that happens to be on the test broker.
            args.add("--ledger.till.queue=" + TestRabbit.uniqueQueue("soc_processing"));
        }
        return new SpringApplicationBuilder(LedgerApplication.class).run(args.toArray(String[]::new));
    }
}
