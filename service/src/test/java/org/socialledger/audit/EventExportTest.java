package org.socialledger.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.socialledger.testing.TestPostgres;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** 100,000 events (about 150 MB of JSON) export line by line while the heap stays flat. */
class EventExportTest {

    private final DriverManagerDataSource dataSource = new DriverManagerDataSource(TestPostgres.instance().jdbcUrl(),
            TestPostgres.instance().user(), TestPostgres.instance().password());
    private final JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    private final EventExport export = new EventExport(jdbc,
            new TransactionTemplate(new DataSourceTransactionManager(dataSource)));

    @AfterEach
    void removeTheBulk() {
        jdbc.update("DELETE FROM domain_event_entry WHERE aggregate_identifier LIKE 'export-%'");
    }

    @Test
    void aHundredThousandEventsStreamInConstantMemory() throws Exception {
        // 10,000 payments of 10 events each in 2020, each payload padded to about 1.5 kB.
        jdbc.update("""
                INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                    meta_data, payload, payload_revision, payload_type, time_stamp)
                SELECT 'export-' || (n / 10), n % 10, 'SocialPayment', 'export-event-' || n,
                       convert_to('{"causeKind": "till"}', 'UTF8'),
                       convert_to(json_build_object('n', n, 'storeId', 'EXP', 'note', repeat('x', 1500))::text, 'UTF8'),
                       NULL, 'org.socialledger.api.payment.event.PaymentReserved',
                       to_char(timestamp '2020-03-01' + n * interval '1 second', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
                FROM generate_series(0, 99999) AS n""");
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long baseline = memory.getHeapMemoryUsage().getUsed();
        // Halfway through, collect garbage and look at what is still alive: rows already written
        // must be gone. (Heap "used" between collections counts garbage too, so it is no measure.)
        CountingStream out = new CountingStream(50_000, () -> {
            System.gc();
            return memory.getHeapMemoryUsage().getUsed();
        });

        long written = export.write(Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2021-01-01T00:00:00Z"),
                null, out);

        assertThat(written).isEqualTo(100_000);
        assertThat(out.lines).isEqualTo(100_000);
        assertThat(out.bytes).isGreaterThan(150_000_000L);
        assertThat(out.liveAtProbe - baseline).as("live heap halfway through %d bytes of export", out.bytes)
                .isLessThan(48L * 1024 * 1024);
    }

    private static final class CountingStream extends OutputStream {
        private final long probeAtLine;
        private final java.util.function.LongSupplier probe;
        long bytes;
        long lines;
        long liveAtProbe;

        CountingStream(long probeAtLine, java.util.function.LongSupplier probe) {
            this.probeAtLine = probeAtLine;
            this.probe = probe;
        }

        @Override
        public void write(int b) {
            bytes++;
            if (b == '\n' && ++lines == probeAtLine) {
                liveAtProbe = probe.getAsLong();
            }
        }

        @Override
        public void write(byte[] buffer, int offset, int length) {
            bytes += length;
            for (int i = offset; i < offset + length; i++) {
                if (buffer[i] == '\n' && ++lines == probeAtLine) {
                    liveAtProbe = probe.getAsLong();
                }
            }
        }
    }
}
