package org.socialledger.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the command line's application, runs the one command, and says how it went (0 or 1). */
public final class AuditCommandLine {

    public static final String COMMAND = "ledger.audit.command";

    private AuditCommandLine() {
    }

    /** True when the arguments ask for an audit command rather than the service. */
    public static boolean isCommand(String... args) {
        return Arrays.stream(args).anyMatch(arg -> arg.startsWith("--" + COMMAND + "="));
    }

    /** Runs the command named in {@code args}, printing its result to {@code out}; returns the exit code. */
    public static int run(PrintStream out, String... args) {
        SpringApplication application = new SpringApplication(AuditCommandLineConfiguration.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setBannerMode(Banner.Mode.OFF);
        application.setLogStartupInfo(false);
        // The result goes to out; the log says only what went wrong.
        application.setDefaultProperties(Map.of("logging.level.root", "WARN"));
        try (ConfigurableApplicationContext context = application.run(args)) {
            return context.getBean(AuditCommands.class).run(out);
        } catch (RuntimeException e) {
            out.println("failed: " + e.getMessage());
            return 1;
        }
    }
}
