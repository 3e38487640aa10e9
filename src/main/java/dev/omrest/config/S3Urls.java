package dev.omrest.config;

import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Uri;
import software.amazon.awssdk.services.s3.S3Utilities;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Upstream's rules for {@code openAPISchemaS3URL}: an https S3 URL, virtual-hosted or path-style. Which URLs
 * are accepted is upstream's host patterns; the bucket and key are what the AWS SDK's {@link S3Utilities#parseUri}
 * reads, the key percent-decoded ({@code a%20b/c+d.json} is the object {@code a b/c+d.json}: S3 keys are sent encoded,
 * and {@code +} is a plain character in a path). The deployment (infra/'s {@code AccessNeeds}) reads the URL by the
 * same rules and the same SDK call, so the object its IAM grant names is the object fetched here.
 */
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

    /** Made on first use: a payload without an S3 URL never loads the SDK's S3 classes for it. */
    private static final class Sdk {
        // parseUri reads no region, but the builder requires one
        static final S3Utilities UTILITIES = S3Utilities.builder().region(Region.US_EAST_1).build();
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
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (!PATH_STYLE.matcher(host).matches() && !VIRTUAL_HOSTED.matcher(host).matches()) {
            throw new IllegalArgumentException("Unable to parse S3 URL " + url);
        }
        S3Uri object;
        try {
            object = Sdk.UTILITIES.parseUri(bucketAndKeyPart(host, uri));
        } catch (IllegalArgumentException | URISyntaxException e) {
            throw new IllegalArgumentException("Unable to parse S3 URL " + url);
        }
        String bucket = object.bucket().orElse("");
        String key = object.key().orElse("");
        if (bucket.isEmpty() || key.isEmpty()) {
            throw new IllegalArgumentException("S3 URL " + url + " is missing the object key");
        }
        return new BucketAndKey(bucket, key);
    }

    /**
     * What the bucket and key are read from: the host in lower case, as DNS reads it (RFC 3986 §3.2.2), so
     * {@code https://My-Bucket.S3.amazonaws.com/k} is the bucket {@code my-bucket}; the path as given (a path-style bucket
     * and every key keep their case). The query and any user info or port are left out, as upstream ignores them.
     */
    private static URI bucketAndKeyPart(String host, URI uri) throws URISyntaxException {
        return new URI("https", host, uri.getPath(), null);
    }
}
