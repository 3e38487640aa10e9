package dev.omrest.openmetadata;

import dev.omrest.budget.RunBudget;
import dev.omrest.support.StubResponse;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Large bodies go gzip-compressed; a server that turns them down gets them plain, for the rest of the run. */
class WriteCallsTest {
    private record Sent(byte[] body, String encoding) {
    }

    private final List<Sent> sent = new ArrayList<>();
    private final ServerCalls calls = new ServerCalls("http://om/api", RetryPolicy.DEFAULT,
            RunBudget.of(Clock.systemUTC(), Duration.ofMinutes(1)));

    /** A JSON body of exactly {@code bytes} bytes. */
    private static byte[] json(int bytes) {
        return ("{\"description\": \"" + "x".repeat(bytes - 19) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static byte[] gunzip(byte[] body) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        }
    }

    @Test
    void smallBodiesGoPlainLargeOnesCompressed() throws IOException {
        WriteCalls writes = new WriteCalls(calls, true);
        byte[] small = json(WriteCalls.GZIP_FROM_BYTES - 1);
        byte[] large = json(WriteCalls.GZIP_FROM_BYTES);
        assertEquals(WriteCalls.GZIP_FROM_BYTES, large.length);
        writes.send(small, (body, encoding) -> answer(body, encoding, 200));
        writes.send(large, (body, encoding) -> answer(body, encoding, 200));
        assertNull(sent.get(0).encoding());
        assertArrayEquals(small, sent.get(0).body());
        assertEquals(OpenMetadataApi.GZIP, sent.get(1).encoding());
        assertArrayEquals(large, gunzip(sent.get(1).body()));
        assertTrue(sent.get(1).body().length < large.length / 10);
        assertFalse(writes.gzipRefused());
    }

    @Test
    void aServerThatRefusesCompressedBodiesGetsThemPlainFromThenOn() {
        WriteCalls writes = new WriteCalls(calls, true);
        byte[] large = json(WriteCalls.GZIP_FROM_BYTES * 2);
        ServerCalls.Answer answer = writes.send(large, (body, encoding) -> answer(body, encoding, encoding == null ? 200 : 415));
        assertEquals(200, answer.status());
        assertTrue(writes.gzipRefused());
        writes.send(large, (body, encoding) -> answer(body, encoding, 200));
        assertEquals(List.of(OpenMetadataApi.GZIP, "plain", "plain"),
                sent.stream().map(s -> s.encoding() == null ? "plain" : s.encoding()).toList());
    }

    @Test
    void switchedOffNothingIsCompressed() {
        WriteCalls writes = new WriteCalls(calls, false);
        writes.send(json(WriteCalls.GZIP_FROM_BYTES * 2), (body, encoding) -> answer(body, encoding, 200));
        assertNull(sent.get(0).encoding());
    }

    private StubResponse answer(byte[] body, String encoding, int status) {
        sent.add(new Sent(body, encoding));
        return StubResponse.json(status, "{}");
    }
}
