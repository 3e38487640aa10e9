package dev.omrest.plan;

import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/** A create request's fingerprint: MD5 (32 hex characters, the limit of {@code sourceHash}) of its canonical JSON. */
public final class SourceHash {
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private SourceHash() {
    }

    /** The hash and the size of the JSON it was taken over (what the request weighs on the wire, less its hash). */
    public record Fingerprint(String hash, long bytes) {
    }

    /** A fingerprint and the canonical JSON it was taken over, to send as the body without serialising it again. */
    public record Canonical(Fingerprint fingerprint, byte[] json) {
    }

    public static Canonical canonical(Object request) {
        try {
            byte[] json = CANONICAL.writeValueAsBytes(request);
            return new Canonical(new Fingerprint(HexFormat.of().formatHex(InputKey.digest(json)), json.length), json);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot fingerprint a create request", e);
        }
    }

    /**
     * The canonical JSON with the sourceHash field added at its end: the body that stores {@code hash} with the request.
     * The hash is hex or a {@link Seal}, plain ASCII that needs no escaping.
     */
    public static byte[] withSourceHash(byte[] canonicalJson, String hash) {
        byte[] field = (",\"sourceHash\":\"" + hash + "\"}").getBytes(StandardCharsets.US_ASCII);
        int end = canonicalJson.length - 1;
        byte[] body = Arrays.copyOf(canonicalJson, end + field.length);
        System.arraycopy(field, 0, body, end, field.length);
        return body;
    }

    /**
     * Streams the canonical JSON through the digest: no tree, string or byte copy of the request is built.
     * The request must not carry a sourceHash yet (records here are hashed before it is set).
     */
    public static Fingerprint fingerprint(Object request) {
        try {
            DigestingCounter out = new DigestingCounter(InputKey.md5());
            CANONICAL.writeValue(out, request);
            return new Fingerprint(HexFormat.of().formatHex(out.digest.digest()), out.count);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot fingerprint a create request", e);
        }
    }

    private static final class DigestingCounter extends OutputStream {
        private final MessageDigest digest;
        private long count;

        DigestingCounter(MessageDigest digest) {
            this.digest = digest;
        }

        @Override
        public void write(int b) {
            digest.update((byte) b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            digest.update(b, off, len);
            count += len;
        }
    }
}
