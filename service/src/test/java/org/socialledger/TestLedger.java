package org.socialledger;

import java.util.ArrayList;
import java.util.List;
import org.socialledger.testing.TestPostgres;
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
        List<String> args = new ArrayList<>(List.of(
                "--spring.datasource.url=" + postgres.jdbcUrl(),
                "--spring.datasource.username=" + postgres.user(),
                "--spring.datasource.password=" + postgres.password(),
                "--server.port=0"));
        args.addAll(List.of(extraArgs));
        return new SpringApplicationBuilder(LedgerApplication.class).run(args.toArray(String[]::new));
    }
}
