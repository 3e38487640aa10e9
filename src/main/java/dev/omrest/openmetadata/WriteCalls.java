package dev.omrest.openmetadata;

import jakarta.ws.rs.core.Response;

import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Write calls whose JSON body the caller has made, sent as it is or, from {@value #GZIP_FROM_BYTES} bytes on,
 * gzip-compressed: OpenMetadata's server (Dropwizard) inflates request bodies unless its {@code server.gzip}
 * is switched off. A compressed body answered 400 or 415 is sent again uncompressed; when that one is taken, the rest
 * of the run sends plain bodies and the report says so.
 */
public final class WriteCalls {
    static final int GZIP_FROM_BYTES = 64 * 1024;
    private final ServerCalls calls;
    private volatile boolean gzip;
    private volatile boolean gzipRefused;

    public WriteCalls(ServerCalls calls, boolean gzip) {
        this.calls = calls;
        this.gzip = gzip;
    }

    /** @param call the API method, given the body and its Content-Encoding ({@code null}: none) */
    public ServerCalls.Answer send(byte[] json, BiFunction<byte[], String, Response> call) {
        if (!gzip || json.length < GZIP_FROM_BYTES) {
            return calls.write(() -> call.apply(json, null));
        }
        byte[] compressed = JsonBodies.gzip(json);
        ServerCalls.Answer answer = calls.write(() -> call.apply(compressed, OpenMetadataApi.GZIP));
        if (answer.status() != 400 && answer.status() != 415) {
            return answer;
        }
        ServerCalls.Answer plain = calls.write(() -> call.apply(json, null));
        if (plain.ok()) {
            gzip = false;
            gzipRefused = true;
        }
        return plain;
    }

    /** A write whose body the caller has made (a JSON Patch). */
    public ServerCalls.Answer send(Supplier<Response> call) {
        return calls.write(call);
    }

    /** Whether the server turned a compressed body down and took it uncompressed. */
    public boolean gzipRefused() {
        return gzipRefused;
    }
}
