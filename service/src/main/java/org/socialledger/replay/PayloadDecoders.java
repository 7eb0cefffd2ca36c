package org.socialledger.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Deserializes a page of stored events on a few threads and hands them back in the page's order.
 * Deserializing (Jackson) is most of the reader's work, and one thread doing it all held the replay
 * near 40,000 events/s while the writers waited for it. The page is cut into as many consecutive
 * slices as there are decoders; the calling thread decodes the last slice itself, the pool the
 * others, and the slices are joined in order: the order of the store, and so of each payment's
 * events and of the tokens, is the order of the result. A slice that fails fails the page with
 * the failure itself (which names the event), after the other slices are cancelled.
 */
final class PayloadDecoders implements AutoCloseable {

    /** One item's decoding: a stored row into its message, or a clear error naming the row. */
    @FunctionalInterface
    interface Decoder<S, T> {
        T decode(S item);
    }

    /** Fewer items per decoder than this are not worth a hand-over to another thread. */
    private static final int LEAST_PER_SLICE = 64;

    private final int threads;
    private final ExecutorService pool;

    /** {@code threads} decoding, the caller included: 1 decodes on the calling thread only. */
    PayloadDecoders(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("ledger.replay.decoder-threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, runnable -> {
            Thread thread = new Thread(runnable, "projection-replay-decoder");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** {@code decoder} applied to every item, the results in the items' order. */
    <S, T> List<T> decode(List<S> items, Decoder<S, T> decoder) {
        int slices = Math.min(threads, items.size() / LEAST_PER_SLICE);
        if (slices <= 1) {
            return slice(items, decoder);
        }
        int size = (items.size() + slices - 1) / slices;
        List<Future<List<T>>> others = new ArrayList<>(slices - 1);
        try {
            for (int start = 0; start < items.size() - size; start += size) {
                List<S> slice = items.subList(start, start + size);
                others.add(pool.submit(() -> slice(slice, decoder)));
            }
            List<T> last = slice(items.subList(others.size() * size, items.size()), decoder);
            List<T> decoded = new ArrayList<>(items.size());
            for (Future<List<T>> other : others) {
                decoded.addAll(other.get());
            }
            decoded.addAll(last);
            return decoded;
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while deserializing stored events", e);
        } finally {
            // After a failure the other slices' work is wasted: give the threads back at once.
            others.forEach(other -> other.cancel(true));
        }
    }

    private static <S, T> List<T> slice(List<S> items, Decoder<S, T> decoder) {
        List<T> decoded = new ArrayList<>(items.size());
        for (S item : items) {
            decoded.add(decoder.decode(item));
        }
        return decoded;
    }

    /** The decoder's own failure, as if it had been thrown on the calling thread. */
    private static RuntimeException rethrown(Throwable failure) {
        if (failure instanceof RuntimeException runtime) {
            return runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return new IllegalStateException("deserializing stored events failed: " + failure, failure);
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
