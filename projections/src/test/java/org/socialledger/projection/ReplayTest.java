package org.socialledger.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.socialledger.api.payment.event.PaymentEvent;
import org.socialledger.projection.Scripts.Script;

/**
 * The read models are safe to feed again: a repeated event changes nothing, and a replay from
 * scratch (token reset) rebuilds both tables byte for byte, whatever the order in which different
 * payments' events arrive.
 */
class ReplayTest {

    private static Projections projections;

    @BeforeAll
    static void connect() {
        projections = new Projections();
    }

    @AfterAll
    static void disconnect() {
        projections.close();
    }

    @Test
    void everyEventHandledTwiceLeavesBothTablesAsOnce() {
        for (Script script : Scripts.all(name -> PaymentStory.payment())) {
            for (PaymentEvent event : script.events()) {
                projections.handle(event);
                String once = projections.checksum(script.story().paymentId);

                projections.handle(event);

                assertThat(projections.checksum(script.story().paymentId))
                        .as(script + ": " + event.getClass().getSimpleName() + " handled twice")
                        .isEqualTo(once);
            }
        }
    }

    @Test
    void replayAfterResetRebuildsIdenticalTables() {
        List<Script> scripts = manyPayments();
        List<PaymentEvent> inTimeOrder = inTimeOrder(scripts);
        projections.reset();
        projections.handleAll(inTimeOrder);
        String built = projections.checksum();
        long journalRows = projections.rows("soc_processing_operations");
        assertThat(projections.rows("payment_view")).isEqualTo(scripts.size());

        projections.reset();
        assertThat(projections.rows("soc_processing_operations") + projections.rows("payment_view")).isZero();
        projections.handleAll(inTimeOrder);

        assertThat(projections.checksum()).isEqualTo(built);
        assertThat(projections.rows("soc_processing_operations")).isEqualTo(journalRows);
    }

    @Test
    void replayWithPaymentsInAnotherOrderRebuildsIdenticalTables() {
        List<Script> scripts = manyPayments();
        projections.reset();
        projections.handleAll(inTimeOrder(scripts));
        String built = projections.checksum();

        // Segments of a pooled processor handle different payments in any order; one payment's
        // events stay in order.
        projections.reset();
        List<Script> backwards = new ArrayList<>(scripts);
        Collections.reverse(backwards);
        backwards.forEach(script -> projections.handleAll(script.events()));

        assertThat(projections.checksum()).isEqualTo(built);
    }

    @Test
    void batchedRebuildThroughTheSameHandlersBuildsIdenticalTables() {
        List<Script> scripts = manyPayments();
        List<PaymentEvent> inTimeOrder = inTimeOrder(scripts);
        projections.reset();
        projections.handleAll(inTimeOrder);
        String built = projections.checksum();

        projections.reset();
        ProjectionBatch batch = ProjectionBatch.allReadModels(projections.jdbc());
        // Chunks that cut payments in the middle: a payment's later events land in the next chunk.
        for (int from = 0; from < inTimeOrder.size(); from += 37) {
            batch.apply(inTimeOrder.subList(from, Math.min(from + 37, inTimeOrder.size())).stream()
                    .map(GenericEventMessage::asEventMessage).toList());
        }

        assertThat(projections.checksum()).isEqualTo(built);
    }

    @Test
    void foldedRowsEqualTheHandlersRowsWhateverTheChunkSize() {
        List<Script> scripts = manyPayments();
        // Text COPY must carry as it is: a tab, a backslash, a line break, quotes, Cyrillic.
        PaymentStory awkward = PaymentStory.payment().inStore("RS9", "RS9-POS-1");
        awkward.requested();
        awkward.declined("tab\there \\ back\\slash\nline 'single' \"double\" отказ \\N");
        List<PaymentEvent> inTimeOrder = inTimeOrder(scripts);
        inTimeOrder.addAll(awkward.events());
        projections.reset();
        projections.handleAll(inTimeOrder);
        String built = projections.checksum();

        // 1: every payment but the first event's goes through the handlers; the whole list: every
        // payment is folded in memory and copied; between: both, payments cut at chunk edges.
        for (int size : new int[] {1, 2, 5, 37, 200, inTimeOrder.size()}) {
            projections.reset();
            ProjectionBatch batch = ProjectionBatch.allReadModels(projections.jdbc());
            for (int from = 0; from < inTimeOrder.size(); from += size) {
                batch.apply(inTimeOrder.subList(from, Math.min(from + size, inTimeOrder.size())).stream()
                        .map(GenericEventMessage::asEventMessage).toList());
            }

            assertThat(projections.checksum()).as("chunks of " + size).isEqualTo(built);
        }
    }

    @Test
    void aBatchedEventWhoseRowIsMissingFailsLoudly() {
        projections.reset();
        Script script = Scripts.all(name -> PaymentStory.payment()).get(0);
        PaymentEvent second = script.events().get(1);

        assertThatThrownBy(() -> ProjectionBatch.allReadModels(projections.jdbc())
                .apply(List.of(GenericEventMessage.asEventMessage(second))))
                .hasMessageContaining(script.story().paymentId.toString());
    }

    /** Every lifecycle path, in three stores over six days: 66 payments. */
    static List<Script> manyPayments() {
        List<Script> scripts = new ArrayList<>();
        for (int day = 0; day < 6; day++) {
            String store = "RS" + (day % 3);
            PaymentStory start = PaymentStory.payment().startingAt(PaymentStory.T0.plus(Duration.ofDays(day)));
            int[] minute = {0};
            scripts.addAll(Scripts.all(name -> start.inStore(store, store + "-POS-" + (minute[0] % 2))
                    .withSocialAmount(1_000L + 137L * minute[0])
                    .startingAt(start.now().plus(Duration.ofMinutes(minute[0]++)))));
        }
        return scripts;
    }

    /** All payments' events as an event store would order them: by time, each payment's in order. */
    static List<PaymentEvent> inTimeOrder(List<Script> scripts) {
        List<PaymentEvent> events = new ArrayList<>();
        scripts.forEach(script -> events.addAll(script.events()));
        events.sort(Comparator.comparing(PaymentEvent::occurredAt)); // stable: ties keep each payment's order
        return events;
    }
}
