package org.socialledger;

import java.time.Clock;
import org.socialledger.api.json.PublishedLanguageModule;
import org.socialledger.cli.AuditCommandLine;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** The social processing ledger: the command side and the projections in one process. */
@SpringBootApplication
public class LedgerApplication {

    /** The service; or, with {@code --ledger.audit.command=...}, one audit command and its exit code. */
    public static void main(String[] args) {
        if (AuditCommandLine.isCommand(args)) {
            System.exit(AuditCommandLine.run(System.out, args));
        }
        SpringApplication.run(LedgerApplication.class, args);
    }

    /** Money and ids as bare values in the HTTP API too, exactly as in the stored events. */
    @Bean
    PublishedLanguageModule publishedLanguageModule() {
        return new PublishedLanguageModule();
    }

    /** The one source of "now": domain code receives times in commands, never reads a clock. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
