package dev.omrest.emulator;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What disturbs requests before the server sees them, like a proxy in front of it: a latency on every request,
 * {@link Fault}s queued by a test (consumed in injection order by matching requests) and, once switched on, random
 * faults from a seeded generator so that a failing run can be replayed.
 */
final class FaultInjector {

    /** A queued fault with how many more requests it disturbs. */
    private record Pending(Fault fault, AtomicInteger remaining) {
        Pending(Fault fault) {
            this(fault, new AtomicInteger(fault.times()));
        }
    }

    private volatile int latencyMillis;
    /** Guards the queue and the random generator with its count. */
    private final List<Pending> faults = new ArrayList<>();
    private double randomFaultRate;
    private Random random;
    private int randomFaultCount;

    void latencyMillis(int ms) {
        if (ms < 0) {
            throw new IllegalArgumentException("latency must be >= 0");
        }
        this.latencyMillis = ms;
    }

    /** Sleeps the configured latency (before routing, so it delays every answer, errors included). */
    void sleepLatency() throws InterruptedException {
        int latency = latencyMillis;
        if (latency > 0) {
            Thread.sleep(latency);
        }
    }

    void inject(Fault fault) {
        synchronized (faults) {
            faults.add(new Pending(fault));
        }
    }

    void clear() {
        synchronized (faults) {
            faults.clear();
        }
    }

    void randomFaults(double rate, long seed) {
        synchronized (faults) {
            randomFaultRate = rate;
            random = new Random(seed);
        }
    }

    int randomFaultCount() {
        synchronized (faults) {
            return randomFaultCount;
        }
    }

    /** The fault for this request, if any: the first matching queued one, else perhaps a random one. */
    Fault next(String method, String apiPath) {
        Fault fault = takeQueued(method, apiPath);
        return fault != null ? fault : randomFault(apiPath);
    }

    private Fault takeQueued(String method, String apiPath) {
        synchronized (faults) {
            Iterator<Pending> it = faults.iterator();
            while (it.hasNext()) {
                Pending pending = it.next();
                if (pending.fault().matches(method, apiPath)) {
                    if (pending.remaining().decrementAndGet() <= 0) {
                        it.remove();
                    }
                    return pending.fault();
                }
            }
            return null;
        }
    }

    /** 429, 502, 503, 504, a dropped connection or a lost response; never for the version probe. */
    private Fault randomFault(String apiPath) {
        synchronized (faults) {
            if (random == null || apiPath.equals("/v1/system/version") || random.nextDouble() >= randomFaultRate) {
                return null;
            }
            randomFaultCount++;
            return switch (random.nextInt(6)) {
                case 0 -> Fault.tooManyRequests("*", "", 1, 0);
                case 1 -> Fault.status("*", "", 1, 502);
                case 2 -> Fault.status("*", "", 1, 503);
                case 3 -> Fault.status("*", "", 1, 504);
                case 4 -> Fault.dropConnection("*", "", 1);
                default -> Fault.dropAfterApply("*", "", 1);
            };
        }
    }
}
