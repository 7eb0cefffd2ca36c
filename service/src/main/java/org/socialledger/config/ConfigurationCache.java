package org.socialledger.config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialledger.api.payment.StoreId;
import org.socialledger.api.payment.TerminalId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * The configuration as the service uses it: read at most once per {@code refresh}, so an edit of
 * the tables applies within seconds without a restart (the integrator needed one). When the
 * database cannot be read, the last good snapshot keeps serving and the failure is logged.
 */
@Component
public class ConfigurationCache {

    private static final Logger log = LoggerFactory.getLogger(ConfigurationCache.class);

    private final ConfigurationReader reader;
    private final Clock clock;
    private final Duration refresh;
    private volatile ConfigSnapshot snapshot;

    public ConfigurationCache(ConfigurationReader reader, Clock clock,
                              @Value("${ledger.config.refresh:PT5S}") Duration refresh) {
        this.reader = reader;
        this.clock = clock;
        this.refresh = refresh;
    }

    public Resolution resolve(StoreId storeId, TerminalId terminalId) {
        return current().resolve(storeId, terminalId);
    }

    public ConfigSnapshot current() {
        ConfigSnapshot known = snapshot;
        Instant now = clock.instant();
        if (known != null && now.isBefore(known.readAt().plus(refresh))) {
            return known;
        }
        return reload(known, false);
    }

    /** Reads the tables now, e.g. right after an operator changed them through the admin API. */
    public synchronized ConfigSnapshot refreshNow() {
        return reload(snapshot, true);
    }

    private synchronized ConfigSnapshot reload(ConfigSnapshot seen, boolean force) {
        if (!force && seen != snapshot && snapshot != null) {
            return snapshot; // another thread reloaded while this one waited
        }
        try {
            ConfigSnapshot fresh = reader.read();
            logProblemsWhenChanged(snapshot == null ? List.of() : snapshot.problems(), fresh.problems());
            snapshot = fresh;
            return fresh;
        } catch (DataAccessException e) {
            if (snapshot == null) {
                throw e;
            }
            log.warn("Could not re-read the configuration tables, serving the copy read at {}: {}",
                    snapshot.readAt(), e.getMessage());
            return snapshot;
        }
    }

    private static void logProblemsWhenChanged(List<ConfigProblem> before, List<ConfigProblem> after) {
        if (Objects.equals(before, after)) {
            return;
        }
        if (after.isEmpty()) {
            log.info("Configuration tables are valid again");
        }
        for (ConfigProblem problem : after) {
            log.warn("Unusable configuration row, payments that need it are refused with CONFIG: {}", problem);
        }
    }
}
