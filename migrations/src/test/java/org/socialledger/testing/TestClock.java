package org.socialledger.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/** A clock a test moves by hand, or one that reads another source of time (a test fixture's). */
public class TestClock extends Clock {

    private final Supplier<Instant> now;

    private TestClock(Supplier<Instant> now) {
        this.now = now;
    }

    /** A clock standing at {@code start} until {@link Settable#advance} or {@link Settable#set} moves it. */
    public static Settable at(Instant start) {
        return new Settable(new AtomicReference<>(start));
    }

    /** A clock that always says what {@code now} says. */
    public static Clock reading(Supplier<Instant> now) {
        return new TestClock(now);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    /** The hand-moved clock. */
    public static final class Settable extends TestClock {
        private final AtomicReference<Instant> current;

        private Settable(AtomicReference<Instant> current) {
            super(current::get);
            this.current = current;
        }

        public void set(Instant instant) {
            current.set(instant);
        }

        public void advance(Duration duration) {
            current.updateAndGet(instant -> instant.plus(duration));
        }
    }
}
