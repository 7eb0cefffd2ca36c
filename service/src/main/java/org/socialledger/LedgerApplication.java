package org.socialledger;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** The social processing ledger: the command side and the projections in one process. */
@SpringBootApplication
public class LedgerApplication {

    public static void main(String[] args) {
        SpringApplication.run(LedgerApplication.class, args);
    }

    /** The one source of "now": domain code receives times in commands, never reads a clock. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
