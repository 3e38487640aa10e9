package dev.omrest.emulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the emulator saw, for tests and the benchmark to inspect: every request with the status it was answered, every
 * contract violation, and the traffic counters (bytes in, gzip either way, the handlers' CPU time).
 */
final class RequestLog {

    /** A request whose status is filled in when the answer is sent (0 while in flight or when none is). */
    static final class Entry {
        final String method;
        final String path;
        final String query;
        final String body;
        final long arrivedNanos = System.nanoTime();
        volatile int status;
        /** From arrival to the answer (latency, queueing and serving included); 0 while in flight. */
        volatile long answeredAfterNanos;

        Entry(String method, String path, String query, String body) {
            this.method = method;
            this.path = path;
            this.query = query;
            this.body = body;
        }
    }

    private final List<Entry> entries = Collections.synchronizedList(new ArrayList<>());
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean recordBodies = true;
    final AtomicLong bytesReceived = new AtomicLong();
    final AtomicInteger compressedRequests = new AtomicInteger();
    final AtomicInteger compressedResponses = new AtomicInteger();
    final AtomicLong cpuNanos = new AtomicLong();
    /** Requests between arrival and answer now, and the most there were at once. */
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger peakInFlight = new AtomicInteger();

    /** Records a request; its body only while bodies are kept (large benchmark runs drop them). */
    Entry record(String method, String path, String query, String body) {
        Entry entry = new Entry(method, path, query, recordBodies ? body : "");
        entries.add(entry);
        peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        return entry;
    }

    /** The request has its answer (or none will come). */
    void answered(Entry entry) {
        if (entry.answeredAfterNanos == 0) {
            entry.answeredAfterNanos = Math.max(1, System.nanoTime() - entry.arrivedNanos);
            inFlight.decrementAndGet();
        }
    }

    /**
     * How long each answered {@code PUT} took at the server (injected network latency included), in milliseconds, in
     * arrival order.
     */
    List<Double> writeMillis() {
        synchronized (entries) {
            return entries.stream().filter(e -> e.method.equals("PUT") && e.answeredAfterNanos > 0 && e.status != 0)
                    .map(e -> e.answeredAfterNanos / 1e6).toList();
        }
    }

    void recordBodies(boolean keep) {
        this.recordBodies = keep;
    }

    void violation(String description) {
        violations.add(description);
    }

    List<RecordedRequest> requests() {
        synchronized (entries) {
            List<RecordedRequest> list = new ArrayList<>(entries.size());
            for (Entry e : entries) {
                list.add(new RecordedRequest(e.method, e.path, e.query, e.body, e.status));
            }
            return list;
        }
    }

    List<String> violations() {
        synchronized (violations) {
            return List.copyOf(violations);
        }
    }

    void clearRequests() {
        entries.clear();
        peakInFlight.set(inFlight.get());
    }

    void clearViolations() {
        violations.clear();
    }

    /** Forgets requests, violations and counters. */
    void reset() {
        entries.clear();
        violations.clear();
        bytesReceived.set(0);
        compressedRequests.set(0);
        cpuNanos.set(0);
        compressedResponses.set(0);
        peakInFlight.set(inFlight.get());
    }
}
