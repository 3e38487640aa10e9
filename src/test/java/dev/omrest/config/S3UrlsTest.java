package dev.omrest.config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Upstream's S3 URL cases (openmetadata-ingestion's test_rest.py and its openAPISchemaS3URL rules). */
class S3UrlsTest {

    @Test
    void virtualHostedAndPathStyleWithAndWithoutRegion() {
        assertEquals(new S3Urls.BucketAndKey("my-bucket", "openapi.json"),
                S3Urls.parse("https://my-bucket.s3.amazonaws.com/openapi.json"));
        assertEquals(new S3Urls.BucketAndKey("my-bucket", "schemas/v1/openapi.yaml"),
                S3Urls.parse("https://my-bucket.s3.us-east-1.amazonaws.com/schemas/v1/openapi.yaml"));
        assertEquals(new S3Urls.BucketAndKey("my.dotted.bucket", "a.json"),
                S3Urls.parse("https://my.dotted.bucket.s3-eu-west-1.amazonaws.com/a.json"));
        assertEquals(new S3Urls.BucketAndKey("my-bucket", "deep/key/openapi.json"),
                S3Urls.parse("https://s3.amazonaws.com/my-bucket/deep/key/openapi.json"));
        assertEquals(new S3Urls.BucketAndKey("my-bucket", "openapi.json"),
                S3Urls.parse("https://s3.eu-central-1.amazonaws.com/my-bucket/openapi.json"));
        assertEquals("s3://my-bucket/openapi.json", S3Urls.parse("https://s3-us-west-2.amazonaws.com/my-bucket/openapi.json").toString());
    }

    @Test
    void invalidHostsAndMissingKeysAreRefused() {
        assertEquals("Unable to parse S3 URL https://example.com/bucket/key.json",
                assertThrows(IllegalArgumentException.class, () -> S3Urls.parse("https://example.com/bucket/key.json")).getMessage());
        assertEquals("S3 URL https://my-bucket.s3.amazonaws.com/ is missing the object key",
                assertThrows(IllegalArgumentException.class, () -> S3Urls.parse("https://my-bucket.s3.amazonaws.com/")).getMessage());
        assertEquals("S3 URL https://s3.amazonaws.com/my-bucket is missing the object key",
                assertThrows(IllegalArgumentException.class, () -> S3Urls.parse("https://s3.amazonaws.com/my-bucket")).getMessage());
        assertEquals("Unable to parse S3 URL http://my-bucket.s3.amazonaws.com/a.json: it must be an https URL",
                assertThrows(IllegalArgumentException.class, () -> S3Urls.parse("http://my-bucket.s3.amazonaws.com/a.json")).getMessage());
    }
}
