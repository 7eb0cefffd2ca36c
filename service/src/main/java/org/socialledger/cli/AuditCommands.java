package org.socialledger.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.socialledger.audit.ChainVerifier;
import org.socialledger.audit.EventExport;
import org.socialledger.eventstore.EventStoreConfiguration;
import org.socialledger.replay.ProjectionReplay;
import org.socialledger.replay.ReplayProgress;
import org.springframework.core.env.Environment;

/**
 * The commands: {@code verify} (exit 1 when any payment's history was altered or has a gap),
 * {@code export --ledger.audit.from= --ledger.audit.to= [--ledger.audit.store=] [--ledger.audit.out=file.jsonl]}
 * (JSON Lines to the file, or to standard output) and {@code replay} (exit 1 when it failed).
 */
class AuditCommands {

    private final Environment environment;
    private final ChainVerifier verifier;
    private final EventExport export;
    private final ProjectionReplay replay;
    private final ObjectMapper json = EventStoreConfiguration.storageObjectMapper();

    AuditCommands(Environment environment, ChainVerifier verifier, EventExport export, ProjectionReplay replay) {
        this.environment = environment;
        this.verifier = verifier;
        this.export = export;
        this.replay = replay;
    }

    int run(PrintStream out) {
        String command = environment.getProperty(AuditCommandLine.COMMAND, "");
        return switch (command) {
            case "verify" -> verify(out);
            case "export" -> export(out);
            case "replay" -> replay(out);
            default -> {
                out.println("unknown command '" + command + "': use --" + AuditCommandLine.COMMAND
                        + "=verify, export (with --ledger.audit.from= --ledger.audit.to= [--ledger.audit.store=]"
                        + " [--ledger.audit.out=file.jsonl]) or replay");
                yield 1;
            }
        };
    }

    private int verify(PrintStream out) {
        ChainVerifier.Report report = verifier.verify();
        out.println(write(report));
        out.println(report.intact() ? "intact: " + report.events() + " events of " + report.payments() + " payments"
                : "NOT INTACT: " + report.problems().size() + " payments with altered or missing events");
        return report.intact() ? 0 : 1;
    }

    private int export(PrintStream out) {
        Instant from = Instant.parse(required("ledger.audit.from"));
        Instant to = Instant.parse(required("ledger.audit.to"));
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from " + from + " must be before to " + to);
        }
        String store = environment.getProperty("ledger.audit.store");
        String file = environment.getProperty("ledger.audit.out");
        if (file == null) {
            export.write(from, to, store, out);
            out.flush();
            return 0;
        }
        try (OutputStream lines = Files.newOutputStream(Path.of(file))) {
            long events = export.write(from, to, store, lines);
            out.println("exported " + events + " events to " + file);
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private int replay(PrintStream out) {
        ReplayProgress result = replay.run();
        out.println(write(result));
        return result.state() == ReplayProgress.State.DONE ? 0 : 1;
    }

    private String required(String key) {
        String value = environment.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + key + "= is required");
        }
        return value;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print " + value, e);
        }
    }
}
