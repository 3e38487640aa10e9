package dev.omrest.config;

/** Where {@code secretsmanager:} and {@code ssm:} references are looked up. */
public interface SecretStore {

    /** The secret string of a Secrets Manager secret (name or ARN). */
    String secretsManager(String secretId);

    /** The decrypted value of an SSM parameter. */
    String parameter(String name);

    SecretStore NONE = new SecretStore() {
        @Override
        public String secretsManager(String secretId) {
            throw new LookupFailure("no secret store is configured");
        }

        @Override
        public String parameter(String name) {
            throw new LookupFailure("no secret store is configured");
        }
    };

    /** A lookup that failed; the message is safe to show (it names the secret, never a value). */
    final class LookupFailure extends RuntimeException {
        public LookupFailure(String message) {
            super(message);
        }
    }
}
