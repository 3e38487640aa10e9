package dev.omrest.orchestrator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * The Basic-auth user and password the server's client sends (its {@code AIRFLOW_USERNAME} and {@code AIRFLOW_PASSWORD}).
 * Checked in constant time over the whole header value, so the answer's timing says nothing about how much matched.
 */
public record Credentials(String username, String password) {

    public boolean admit(String authorization) {
        byte[] expected = ("Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
                .getBytes(StandardCharsets.UTF_8))).getBytes(StandardCharsets.UTF_8);
        byte[] given = authorization == null ? new byte[0] : authorization.strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, given);
    }

    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=***]";
    }
}
