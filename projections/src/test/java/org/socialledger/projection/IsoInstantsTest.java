package org.socialledger.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoInstantsTest {

    @Test
    void writesWhatToStringWritesForEveryKindOfFraction() {
        List<Instant> instants = List.of(
                Instant.parse("2026-11-28T15:12:13.170614412Z"),
                Instant.parse("2026-11-28T15:12:13.170614Z"),
                Instant.parse("2026-11-28T15:12:13.170Z"),
                Instant.parse("2026-11-28T15:12:13.000000001Z"),
                Instant.parse("2026-11-28T15:12:00Z"), // whole minute: toString still prints the seconds
                Instant.parse("2026-11-28T00:00:00Z"),
                Instant.parse("2024-02-29T23:59:59.999999999Z"),
                Instant.EPOCH,
                Instant.parse("1969-12-31T23:59:59.5Z"),
                Instant.parse("0001-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"));

        for (Instant instant : instants) {
            assertThat(IsoInstants.toString(instant)).as(instant.toString()).isEqualTo(instant.toString());
        }
    }

    @Test
    void randomInstantsOverTheFourDigitYearsReadTheSame() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_135_596_800L, 253_402_300_800L),
                    switch (i % 4) {
                        case 0 -> 0;
                        case 1 -> random.nextInt(1_000) * 1_000_000;
                        case 2 -> random.nextInt(1_000_000) * 1_000;
                        default -> random.nextInt(1_000_000_000);
                    });

            assertThat(IsoInstants.toString(instant)).isEqualTo(instant.toString());
        }
    }

    @Test
    void yearsOutsideFourDigitsAreLeftToTheJdk() {
        Instant beforeYearOne = Instant.parse("0000-12-31T23:59:59Z");
        Instant afterYear9999 = Instant.parse("+10000-01-01T00:00:00Z");

        assertThat(IsoInstants.write(beforeYearOne, new byte[IsoInstants.MAX_LENGTH], 0)).isEqualTo(-1);
        assertThat(IsoInstants.toString(beforeYearOne)).isEqualTo(beforeYearOne.toString());
        assertThat(IsoInstants.toString(afterYear9999)).isEqualTo("+10000-01-01T00:00:00Z");
    }

    @Test
    void writesAtTheGivenPlaceOnly() {
        byte[] into = "..............................................".getBytes(StandardCharsets.US_ASCII);

        int length = IsoInstants.write(Instant.parse("2026-11-28T15:12:13.170Z"), into, 3);

        assertThat(new String(into, StandardCharsets.US_ASCII))
                .isEqualTo("...2026-11-28T15:12:13.170Z" + ".".repeat(into.length - 3 - length));
    }
}
