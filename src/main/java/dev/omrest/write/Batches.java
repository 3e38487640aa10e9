package dev.omrest.write;

import java.util.ArrayList;
import java.util.List;

/** Splits writes into bulk calls of at most {@code maxCount} entities and {@code maxBytes} of JSON (one entity always fits). */
final class Batches {
    private Batches() {
    }

    /** @return the end index (exclusive) of each batch over entities of these serialized sizes */
    static List<Integer> ends(long[] sizes, int maxCount, long maxBytes) {
        List<Integer> ends = new ArrayList<>();
        long bytes = 0;
        int count = 0;
        for (int i = 0; i < sizes.length; i++) {
            if (count > 0 && (count == maxCount || bytes + sizes[i] > maxBytes)) {
                ends.add(i);
                bytes = 0;
                count = 0;
            }
            bytes += sizes[i];
            count++;
        }
        if (count > 0) {
            ends.add(sizes.length);
        }
        return ends;
    }
}
