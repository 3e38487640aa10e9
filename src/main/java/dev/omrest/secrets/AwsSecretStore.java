package dev.omrest.secrets;

import dev.omrest.config.SecretStore;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;

import java.util.function.Supplier;

/**
 * Secrets Manager and SSM Parameter Store through the AWS SDK, with the function's own credentials and
 * region (the Lambda role; {@code AWS_REGION}; {@code AWS_ENDPOINT_URL} where an endpoint must be overridden).
 * Clients are created on first use, so runs without references never touch AWS.
 */
public final class AwsSecretStore implements SecretStore {
    private SecretsManagerClient secretsManager;
    private SsmClient ssm;

    @Override
    public synchronized String secretsManager(String secretId) {
        if (secretsManager == null) {
            secretsManager = SecretsManagerClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        }
        return lookup(() -> secretsManager.getSecretValue(r -> r.secretId(secretId)).secretString());
    }

    @Override
    public synchronized String parameter(String name) {
        if (ssm == null) {
            ssm = SsmClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        }
        return lookup(() -> ssm.getParameter(r -> r.name(name).withDecryption(true)).parameter().value());
    }

    /** The SDK's messages name the secret or parameter and the error, never a value; only their first line is kept. */
    private static String lookup(Supplier<String> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            int newline = message.indexOf('\n');
            throw new LookupFailure(newline < 0 ? message : message.substring(0, newline));
        }
    }
}
