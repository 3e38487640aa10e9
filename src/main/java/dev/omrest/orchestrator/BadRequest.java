package dev.omrest.orchestrator;

/** A request the orchestrator surface refuses, with the HTTP status and a message naming the problem. */
public final class BadRequest extends RuntimeException {
    private final int status;

    public BadRequest(int status, String message) {
        super(message);
        this.status = status;
    }

    public static BadRequest of(String message) {
        return new BadRequest(400, message);
    }

    public static BadRequest notDeployed(String dagId) {
        return new BadRequest(404, "No deployed pipeline [" + dagId + "]: deploy it from OpenMetadata first");
    }

    public int status() {
        return status;
    }
}
