package org.socialledger.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Pages are deserialized side by side but come back in the store's order, and a bad row fails the page. */
class PayloadDecodersTest {

    @Test
    @Timeout(30)
    void decodedItemsKeepTheirOrderWhateverTheThreadsFinishing() {
        List<Integer> page = IntStream.range(0, 10_000).boxed().toList();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        try (PayloadDecoders decoders = new PayloadDecoders(3)) {
            for (int round = 0; round < 20; round++) {
                List<String> decoded = decoders.decode(page, item -> {
                    threads.add(Thread.currentThread().getName());
                    if (item % 997 == 0) {
                        LockSupport.parkNanos(Duration.ofMillis(1).toNanos()); // slices finish out of order
                    }
                    return "event " + item;
                });

                assertThat(decoded).containsExactlyElementsOf(page.stream().map(item -> "event " + item).toList());
            }
        }
        assertThat(threads).as("the page was shared between threads").hasSizeGreaterThan(1);
    }

    @Test
    void oneDecoderDecodesOnTheCallingThreadAlone() {
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        try (PayloadDecoders decoders = new PayloadDecoders(1)) {
            List<Integer> decoded = decoders.decode(IntStream.range(0, 1_000).boxed().toList(), item -> {
                threads.add(Thread.currentThread());
                return item + 1;
            });

            assertThat(decoded).hasSize(1_000).startsWith(1, 2, 3).endsWith(1_000);
        }
        assertThat(threads).containsExactly(Thread.currentThread());
    }

    @Test
    @Timeout(30)
    void aRowThatDoesNotDeserializeFailsThePageWithItsOwnErrorWhicheverSliceHoldsIt() {
        List<Integer> page = IntStream.range(0, 10_000).boxed().toList();
        try (PayloadDecoders decoders = new PayloadDecoders(2)) {
            for (int bad : List.of(0, 4_999, 5_000, 9_999)) {
                assertThatThrownBy(() -> decoders.decode(page, item -> {
                    if (item == bad) {
                        throw new UncheckedIOException("event " + item + " (PaymentReserved) does not deserialize",
                                new IOException("Unexpected character"));
                    }
                    return item;
                }))
                        .isInstanceOf(UncheckedIOException.class)
                        .hasMessage("event " + bad + " (PaymentReserved) does not deserialize");
            }
            // the decoders are still usable afterwards: nothing was left holding a thread
            assertThat(decoders.decode(page, item -> item)).isEqualTo(page);
        }
    }

    @Test
    void atLeastOneDecoder() {
        assertThatThrownBy(() -> new PayloadDecoders(0)).hasMessageContaining("ledger.replay.decoder-threads");
        assertThatThrownBy(() -> new ReplaySettings(0)).hasMessageContaining("ledger.replay.decoder-threads");
        assertThat(new ReplaySettings(null).decoderThreads()).isEqualTo(2);
    }
}
