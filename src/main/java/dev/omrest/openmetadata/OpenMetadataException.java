package dev.omrest.openmetadata;

/** OpenMetadata refused or failed a call the run cannot do without. */
public class OpenMetadataException extends RuntimeException {
    private final int status;

    public OpenMetadataException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
