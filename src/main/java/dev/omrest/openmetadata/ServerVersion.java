package dev.omrest.openmetadata;

/** The server's release, and which of the API's newer routes it therefore has. */
public record ServerVersion(String version, int major, int minor, int patch) {

    public static ServerVersion parse(String version) {
        String[] parts = version == null ? new String[0] : version.trim().split("[.\\-]");
        return new ServerVersion(version, number(parts, 0), number(parts, 1), number(parts, 2));
    }

    /**
     * {@code RestConnection.openAPISchemaConnection}, added in 1.12.2 (the openmetadata-ingestion 1.12.2.0 models have
     * it, 1.12.1.0's do not); older servers have a flat, required {@code openAPISchemaURL} and refuse unknown keys.
     */
    public boolean hasSchemaConnection() {
        return major > 1 || (major == 1 && (minor > 12 || (minor == 12 && patch >= 2)));
    }

    /** {@code PUT /v1/<entities>/bulk}, added in 1.11 (the connector's sink uses it since then). */
    public boolean hasBulk() {
        return major > 1 || (major == 1 && minor >= 11);
    }

    /** {@code DELETE /v1/<entities>/deleteStale}, added in 2.0. */
    public boolean hasDeleteStale() {
        return major >= 2;
    }

    private static int number(String[] parts, int index) {
        try {
            return index < parts.length ? Integer.parseInt(parts[index]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
