package dev.omrest.orchestrator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omrest.openmetadata.BotCalls;
import dev.omrest.openmetadata.OpenMetadataException;
import dev.omrest.openmetadata.ServerVersion;

import java.util.function.Supplier;

/**
 * {@code health-auth}: the version the server's gate compares with its own. 1.6 servers want the same x.y.z, 2.0
 * servers the same major.minor; this function serves every release from 1.6 to 2.0, so it answers the server's own
 * version when the server is within that range, and otherwise the nearest one it supports with why, so that the server
 * reports a version mismatch naming both.
 */
final class Health {
    static final ServerVersion OLDEST = ServerVersion.parse("1.6.0");
    static final ServerVersion NEWEST = ServerVersion.parse("2.0.7");

    private final Supplier<BotCalls> bot;

    Health(Supplier<BotCalls> bot) {
        this.bot = bot;
    }

    Reply answer() {
        ServerVersion server;
        try (BotCalls calls = bot.get()) {
            server = calls.version();
        } catch (OpenMetadataException e) {
            return Reply.of(503, Reply.JSON.createObjectNode().put("status", "unhealthy")
                    .put("message", "Cannot read the OpenMetadata server's version: " + e.getMessage()));
        }
        return answer(server);
    }

    /** The answer for a server of this version. */
    static Reply answer(ServerVersion server) {
        ObjectNode answer = Reply.JSON.createObjectNode();
        if (before(server, OLDEST)) {
            return Reply.of(200, answer.put("status", "unhealthy").put("version", text(OLDEST)).put("message",
                    "OpenMetadata " + server.version() + " is older than the oldest release this function serves, 1.6"));
        }
        if (before(NEWEST, server)) {
            return Reply.of(200, answer.put("status", "unhealthy").put("version", text(NEWEST)).put("message",
                    "OpenMetadata " + server.version() + " is newer than the newest release this function serves, 2.0"));
        }
        return Reply.of(200, answer.put("status", "healthy").put("version", text(server)));
    }

    private static boolean before(ServerVersion a, ServerVersion b) {
        return a.major() != b.major() ? a.major() < b.major() : a.minor() < b.minor();
    }

    /** x.y.z without a suffix: a 1.6 server compares all three with its own, {@code -SNAPSHOT} dropped. */
    private static String text(ServerVersion version) {
        return version.major() + "." + version.minor() + "." + version.patch();
    }
}
