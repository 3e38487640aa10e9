package dev.omrest.config;

import java.net.URI;
import java.nio.file.Path;

/** Where the OpenAPI document comes from. */
public sealed interface SpecLocation {

    /** What entity URLs fall back to when no docURL is set: the schema URL, or nothing for files and S3. */
    String fallbackUrl();

    /** The location for messages: no user info, no query string (either may hold a credential). */
    String describe();

    record Url(URI uri, HttpAccess access) implements SpecLocation {
        @Override
        public String fallbackUrl() {
            return uri.toString();
        }

        @Override
        public String describe() {
            return Redact.url(uri);
        }
    }

    record File(Path path) implements SpecLocation {
        @Override
        public String fallbackUrl() {
            return null;
        }

        @Override
        public String describe() {
            return path.toString();
        }
    }

    /**
     * An S3 object. Without keys the function's own credentials (the Lambda role) are used.
     *
     * @param region   null for the function's own region
     * @param endpoint an S3-compatible endpoint instead of AWS's, or null
     */
    record S3(S3Urls.BucketAndKey object, String region, String accessKeyId, Secret secretAccessKey,
              Secret sessionToken, URI endpoint) implements SpecLocation {
        @Override
        public String fallbackUrl() {
            return null;
        }

        @Override
        public String describe() {
            return object.toString();
        }
    }
}
