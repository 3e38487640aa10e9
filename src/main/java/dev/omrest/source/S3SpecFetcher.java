package dev.omrest.source;

import dev.omrest.config.Redact;
import dev.omrest.config.SpecLocation;
import dev.omrest.net.AddressGuard;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** GetObject of the spec, with the payload's keys or the function's role; size-capped like every fetch. */
final class S3SpecFetcher {
    private final FetchLimits limits;

    S3SpecFetcher(FetchLimits limits) {
        this.limits = limits;
    }

    RawSpec fetch(SpecLocation.S3 location) {
        String object = location.object().toString();
        if (location.endpoint() != null) {
            try {
                AddressGuard.check(location.endpoint(), limits.reach());
            } catch (AddressGuard.Refused e) {
                throw new SpecFetchException("Refusing to use the S3 endpoint " + Redact.url(location.endpoint()) + ": " + e.getMessage());
            }
        }
        String key = location.object().key();
        BodyCap cap = BodyCap.ofSpec(object, limits.maxBytes());
        try (S3Client s3 = client(location)) {
            // the body is read inside the call, so the call's timeout covers it too
            return s3.getObject(r -> r.bucket(location.object().bucket()).key(key), (response, in) -> {
                Long length = response.contentLength();
                if (length != null && !cap.fits(length)) {
                    throw cap.exceeded();
                }
                return new RawSpec(object, cap.readAll(in), response.contentType(),
                        SpecSource.extension(key.substring(key.lastIndexOf('/') + 1)));
            });
        } catch (ApiCallTimeoutException e) {
            throw new SpecFetchException("Failed to download S3 object " + object + ": timed out after "
                    + limits.requestTimeout().toSeconds() + " s (the whole download)");
        } catch (SdkException e) {
            if (e.getCause() instanceof SpecFetchException fetch) {
                throw fetch;
            }
            throw new SpecFetchException("Failed to download S3 object " + object + ": " + e.getMessage());
        }
    }

    private S3Client client(SpecLocation.S3 location) {
        S3ClientBuilder builder = S3Client.builder()
                .overrideConfiguration(c -> c.apiCallTimeout(limits.requestTimeout()))
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(limits.connectTimeout())
                        .socketTimeout(limits.requestTimeout()));
        if (location.region() != null) {
            builder.region(Region.of(location.region()));
        }
        if (location.accessKeyId() != null) {
            builder.credentialsProvider(StaticCredentialsProvider.create(location.sessionToken() == null
                    ? AwsBasicCredentials.create(location.accessKeyId(), location.secretAccessKey().reveal())
                    : AwsSessionCredentials.create(location.accessKeyId(), location.secretAccessKey().reveal(),
                    location.sessionToken().reveal())));
        }
        if (location.endpoint() != null) {
            builder.endpointOverride(location.endpoint()).forcePathStyle(true);
        }
        return builder.build();
    }
}
