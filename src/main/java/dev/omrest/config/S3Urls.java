package dev.omrest.config;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Upstream's rules for {@code openAPISchemaS3URL} (§3.3): an https S3 URL, virtual-hosted or path-style. */
public final class S3Urls {
    private static final Pattern VIRTUAL_HOSTED = Pattern.compile("^(.+)\\.s3(?:[.-](.+))?\\.amazonaws\\.com$");
    private static final Pattern PATH_STYLE = Pattern.compile("^s3(?:[.-](.+))?\\.amazonaws\\.com$");

    private S3Urls() {
    }

    public record BucketAndKey(String bucket, String key) {
        @Override
        public String toString() {
            return "s3://" + bucket + "/" + key;
        }
    }

    /** @throws IllegalArgumentException with upstream's message when the URL is not one */
    public static BucketAndKey parse(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unable to parse S3 URL " + url);
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("Unable to parse S3 URL " + url + ": it must be an https URL");
        }
        String host = uri.getHost();
        String path = uri.getPath() == null ? "" : uri.getPath();
        Matcher pathStyle = PATH_STYLE.matcher(host);
        if (pathStyle.matches()) {
            String rest = path.startsWith("/") ? path.substring(1) : path;
            int slash = rest.indexOf('/');
            if (slash <= 0 || slash == rest.length() - 1) {
                throw new IllegalArgumentException("S3 URL " + url + " is missing the object key");
            }
            return new BucketAndKey(rest.substring(0, slash), rest.substring(slash + 1));
        }
        Matcher virtualHosted = VIRTUAL_HOSTED.matcher(host);
        if (virtualHosted.matches()) {
            String key = path.startsWith("/") ? path.substring(1) : path;
            if (key.isEmpty()) {
                throw new IllegalArgumentException("S3 URL " + url + " is missing the object key");
            }
            return new BucketAndKey(virtualHosted.group(1), key);
        }
        throw new IllegalArgumentException("Unable to parse S3 URL " + url);
    }
}
