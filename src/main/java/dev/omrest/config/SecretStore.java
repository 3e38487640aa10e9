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
            throw new IllegalStateException("no secret store is configured");
        }

        @Override
        public String parameter(String name) {
            throw new IllegalStateException("no secret store is configured");
        }
    };
}
