package dev.omrest.write;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BatchesTest {

    @Test
    void countCapsBatches() {
        long[] small = new long[250];
        java.util.Arrays.fill(small, 10);
        assertEquals(List.of(100, 200, 250), Batches.ends(small, 100, 1_000_000));
    }

    @Test
    void byteCapSplitsEarlierAndAnOversizedEntityGoesAlone() {
        assertEquals(List.of(2, 3, 4, 6), Batches.ends(new long[]{400, 500, 300, 2000, 100, 100}, 100, 1000));
        assertEquals(List.of(1), Batches.ends(new long[]{5000}, 100, 1000));
        assertEquals(List.of(), Batches.ends(new long[0], 100, 1000));
    }
}
