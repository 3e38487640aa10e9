package dev.omrest.openmetadata;

/** The server's release, and which of the API's newer routes it therefore has. */
public record ServerVersion(String version, int major, int minor) {

    public static ServerVersion parse(String version) {
        String[] parts = version == null ? new String[0] : version.trim().split("[.\\-]");
        return new ServerVersion(version, number(parts, 0), number(parts, 1));
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
