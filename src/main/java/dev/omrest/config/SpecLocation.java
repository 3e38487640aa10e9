package dev.omrest.config;

import java.net.URI;
import java.nio.file.Path;

/** Where the OpenAPI document comes from. */
public sealed interface SpecLocation {

    /** What entity URLs fall back to when no docURL is set: the schema URL, or nothing for files and S3. */
    String fallbackUrl();

    record Url(URI uri, HttpAccess access) implements SpecLocation {
        @Override
        public String fallbackUrl() {
            return uri.toString();
        }
    }

    record File(Path path) implements SpecLocation {
        @Override
        public String fallbackUrl() {
            return null;
        }
    }

    record S3(String url) implements SpecLocation {
        @Override
        public String fallbackUrl() {
            return null;
        }
    }
}
