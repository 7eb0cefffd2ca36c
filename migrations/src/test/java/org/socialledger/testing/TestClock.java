package org.socialledger.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/** A clock a test moves by hand, or one that reads another source of time (a test fixture's). */
public final class TestClock extends Clock {

    private final Supplier<Instant> now;

    private TestClock(Supplier<Instant> now) {
        this.now = now;
    }

    /** A clock standing at {@code start} until {@link Settable#advance} or {@link Settable#set} moves it. */
    public static Settable at(Instant start) {
        return new Settable(start);
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
    public static final class Settable extends Clock {
        private final AtomicReference<Instant> now;

        private Settable(Instant start) {
            now = new AtomicReference<>(start);
        }

        public void set(Instant instant) {
            now.set(instant);
        }

        public void advance(Duration duration) {
            now.updateAndGet(instant -> instant.plus(duration));
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
    }
}
