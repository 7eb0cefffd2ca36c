package org.socialledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        return new SpringApplicationBuilder(LedgerApplication.class).run(arguments(TestPostgres.SCHEMA, extraArgs));
    }

    /**
     * The service in a schema of its own (migrated on start), with {@code beans} added before it
     * starts: nothing it stores (payments, sagas, persisted deadlines) is seen by another test's
     * application, and nothing another test left behind fires in this one.
     */
    public static ConfigurableApplicationContext startInOwnSchema(String schema, Map<String, Object> beans,
                                                                  String... extraArgs) {
        List<String> args = new ArrayList<>(List.of(arguments(schema, extraArgs)));
        args.add("--spring.flyway.default-schema=" + schema);
        return new SpringApplicationBuilder(LedgerApplication.class)
                .initializers(context -> beans.forEach(context.getBeanFactory()::registerSingleton))
                .run(args.toArray(String[]::new));
    }

    /** The arguments {@code java -jar} would get to run against this JVM's test database, in {@code schema}. */
    public static String[] arguments(String schema, String... extraArgs) {
        TestPostgres postgres = TestPostgres.instance();
        TestRabbit rabbit = TestRabbit.instance();
        List<String> args = new ArrayList<>(List.of(
                "--spring.datasource.url=" + postgres.jdbcUrl().replace("currentSchema=" + TestPostgres.SCHEMA,
                        "currentSchema=" + schema),
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
        return args.toArray(String[]::new);
    }
}
