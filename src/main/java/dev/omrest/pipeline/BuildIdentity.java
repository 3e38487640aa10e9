package dev.omrest.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.UUID;

/**
 * Which build of the function runs: its version and build time, written into {@code dev/omrest/build.properties} by
 * Maven. A catalogue sealed by one build is not taken as sealed by another, whose mapping may differ. Without a filled-in
 * file (a run from an IDE) every process counts as a build of its own.
 */
final class BuildIdentity {
    static final String RESOURCE = "dev/omrest/build.properties";
    private static final String CURRENT = read();

    private BuildIdentity() {
    }

    static String current() {
        return CURRENT;
    }

    private static String read() {
        try (InputStream in = BuildIdentity.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                String build = properties.getProperty("build", "");
                if (!build.isBlank() && !build.contains("${")) {
                    return build;
                }
            }
        } catch (IOException e) {
            // falls through to a per-process identity
        }
        return "unidentified " + UUID.randomUUID();
    }
}
