package dev.omrest.emulator;

import java.util.Objects;

/**
 * A fault injected into {@link OpenMetadataEmulator}: the next {@code times} requests whose method matches
 * ({@code "*"} = any) and whose path after {@code /api} starts with {@code pathPrefix} (e.g.
 * {@code /v1/apiEndpoints/bulk}) are disturbed. Faults are consumed in the order they were injected.
 * Faults apply before authentication and routing, like a proxy or load balancer in front of the server.
 *
 * @param method            HTTP method to match, or {@code "*"}
 * @param pathPrefix        prefix of the path after {@code /api}
 * @param times             how many matching requests are affected
 * @param kind              what happens
 * @param status            the HTTP status for {@link Kind#STATUS}
 * @param retryAfterSeconds value of a {@code Retry-After} header for {@link Kind#STATUS}; negative = no header
 * @param delayMillis       the extra delay for {@link Kind#DELAY} (the request is then served normally)
 * @param action            what {@link Kind#ACTION} runs before the request is served normally
 */
public record Fault(String method, String pathPrefix, int times, Kind kind, int status, int retryAfterSeconds,
                    int delayMillis, Runnable action) {

    public enum Kind {
        /** Answer with {@code status} and a JSON error body {@code {"code": status, "message": ...}}. */
        STATUS,
        /** Close the connection without sending any response. */
        DROP_CONNECTION,
        /** Sleep {@code delayMillis}, then serve the request normally. */
        DELAY,
        /** Serve the request (its writes take effect), then close the connection without the response. */
        DROP_AFTER_APPLY,
        /** Run {@code action} (a test moving its clock past a deadline, say), then serve the request normally. */
        ACTION
    }

    public Fault {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pathPrefix, "pathPrefix");
        Objects.requireNonNull(kind, "kind");
        if (times < 1) {
            throw new IllegalArgumentException("times must be >= 1");
        }
        if (kind == Kind.ACTION && action == null) {
            throw new IllegalArgumentException("an action fault needs its action");
        }
        if (kind == Kind.STATUS && (status < 100 || status > 599)) {
            throw new IllegalArgumentException("status must be an HTTP status");
        }
    }

    /** {@code times} answers with {@code status} (e.g. 500, 502, 503) and a JSON error body. */
    public static Fault status(String method, String pathPrefix, int times, int status) {
        return new Fault(method, pathPrefix, times, Kind.STATUS, status, -1, 0, null);
    }

    /** {@code times} answers 429 with {@code Retry-After: retryAfterSeconds}. */
    public static Fault tooManyRequests(String method, String pathPrefix, int times, int retryAfterSeconds) {
        return new Fault(method, pathPrefix, times, Kind.STATUS, 429, retryAfterSeconds, 0, null);
    }

    /** {@code times} requests whose connection is closed without a response. */
    public static Fault dropConnection(String method, String pathPrefix, int times) {
        return new Fault(method, pathPrefix, times, Kind.DROP_CONNECTION, 0, -1, 0, null);
    }

    /** {@code times} requests that take effect but whose response is lost. */
    public static Fault dropAfterApply(String method, String pathPrefix, int times) {
        return new Fault(method, pathPrefix, times, Kind.DROP_AFTER_APPLY, 0, -1, 0, null);
    }

    /** {@code times} requests answered normally but only after an extra {@code delayMillis}. */
    public static Fault delay(String method, String pathPrefix, int times, int delayMillis) {
        return new Fault(method, pathPrefix, times, Kind.DELAY, 0, -1, delayMillis, null);
    }

    /**
     * {@code times} requests before which {@code action} runs (on the request's thread); then each is served normally.
     * Lets a test move time at a precise point of a run instead of waiting for it.
     */
    public static Fault action(String method, String pathPrefix, int times, Runnable action) {
        return new Fault(method, pathPrefix, times, Kind.ACTION, 0, -1, 0, action);
    }

    boolean matches(String requestMethod, String apiPath) {
        return ("*".equals(method) || method.equalsIgnoreCase(requestMethod)) && apiPath.startsWith(pathPrefix);
    }
}
