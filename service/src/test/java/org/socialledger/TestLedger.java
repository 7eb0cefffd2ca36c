package org.socialledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.socialledger.api.payment.PaymentId;
import org.socialledger.testing.TestPostgres;
import org.socialledger.testing.TestRabbit;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

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

    /**
     * Copies one payment's stored events {@code copies} times, each copy under new payment,
     * reserve-operation and event ids derived from its number, in the order a replay reads them.
     */
    public static void copyPayment(JdbcTemplate jdbc, PaymentId template, String reserveOperationId, int copies) {
        jdbc.update("""
                INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                    meta_data, payload, payload_revision, payload_type, time_stamp)
                SELECT md5(g || 'p')::uuid::text, e.sequence_number, e.type, md5(g || 'e' || e.sequence_number)::uuid::text,
                       e.meta_data, convert_to(replace(replace(convert_from(e.payload, 'UTF8'), ?, md5(g || 'p')::uuid::text),
                       ?, md5(g || 'r')::uuid::text), 'UTF8'), e.payload_revision, e.payload_type, e.time_stamp
                FROM generate_series(1, ?) g, domain_event_entry e WHERE e.aggregate_identifier = ?
                ORDER BY g, e.sequence_number""", template.toString(), reserveOperationId, copies, template.toString());
    }
}
