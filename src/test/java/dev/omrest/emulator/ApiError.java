package dev.omrest.emulator;

/**
 * Thrown while handling a request to answer with an error body {@code {"code": status, "message": ...}};
 * {@code violation} marks a contract or schema rejection, which {@link OpenMetadataEmulator#contractViolations()}
 * lists. Without a stack trace: it is an answer, not a failure, and {@link #NO_ROUTE} is shared.
 */
final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What the server answers for a path or method it does not serve. */
    static final ApiError NO_ROUTE = notFound("HTTP 404 Not Found");

    final int status;
    final boolean violation;

    ApiError(int status, String message, boolean violation) {
        super(message, null, false, false);
        this.status = status;
        this.violation = violation;
    }

    static ApiError notFound(String message) {
        return new ApiError(404, message, false);
    }

    static ApiError badRequest(String message) {
        return new ApiError(400, message, false);
    }

    static ApiError violation(int status, String message) {
        return new ApiError(status, message, true);
    }
}
