package dev.omrest.emulator;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's check of the version the orchestrator's {@code health-auth} reports against its own: a 1.6 server wants
 * the same x.y.z, a 2.0 server the same major.minor. Versions are read the server's way, which is looser than it looks:
 * the first three numbers separated by any one character ({@code 1.6.0-SNAPSHOT} and {@code 1.6.0.dev0} both read
 * {@code 1.6.0}), and a mismatch message that compares the two x.y.z as strings.
 */
final class VersionGate {
    /** Dots unescaped on purpose: the server's pattern matches any separator. */
    private static final Pattern XYZ = Pattern.compile("(\\d+.\\d+.\\d+)");

    private VersionGate() {
    }

    /** The x.y.z in {@code version}; a version without one is the server's 500 (its version exception). */
    static String xyz(String version) {
        if (version == null) {
            throw new OrchestratorClient.Failure(500, "the orchestrator reported no version");
        }
        Matcher matcher = XYZ.matcher(version);
        if (!matcher.find()) {
            throw new OrchestratorClient.Failure(500, "cannot read a version x.y.z from [" + version + "]");
        }
        return matcher.group(1);
    }

    static boolean compatible(OpenMetadataEmulator.Mode mode, String clientVersion, String serverVersion) {
        String client = xyz(clientVersion);
        String server = xyz(serverVersion);
        return mode == OpenMetadataEmulator.Mode.V1_6 ? client.equals(server)
                : majorMinor(client).equals(majorMinor(server));
    }

    private static String majorMinor(String xyz) {
        String[] parts = xyz.split("\\.");
        return parts.length >= 2 ? parts[0] + "." + parts[1] : xyz;
    }

    /** Which side is older, as the UI shows it; the server compares the x.y.z as strings ("1.10.0" < "1.9.0"). */
    static String mismatch(String ingestionVersion, String serverVersion) {
        if (xyz(ingestionVersion).compareTo(xyz(serverVersion)) < 0) {
            return "Ingestion version [" + ingestionVersion + "] is older than server version [" + serverVersion
                    + "]: upgrade the ingestion client.";
        }
        return "Server version [" + serverVersion + "] is older than ingestion version [" + ingestionVersion
                + "]: upgrade the server or downgrade the ingestion client.";
    }
}
