package dev.omrest.pipeline;

import dev.omrest.config.IngestSettings;
import dev.omrest.config.NameFilter;
import dev.omrest.plan.InputKey;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A run's inputs besides the catalogue: the spec's bytes (kept as their digest, so the bytes can go), the settings
 * that reach the mapping or the plan, the server version and the build. Their {@link InputKey} is what a seal is made
 * and checked with.
 */
final class RunInputs {
    private final IngestSettings settings;
    private final byte[] specDigest;
    private final String serverVersion;

    /** @param specDigest the spec's bytes, as {@link InputKey#digest} */
    RunInputs(IngestSettings settings, byte[] specDigest, String serverVersion) {
        this.settings = settings;
        this.specDigest = specDigest;
        this.serverVersion = serverVersion;
    }

    /** @param referencedDocuments the other documents the spec references, as the parse stage lists them */
    InputKey key(List<String> referencedDocuments) {
        InputKey.Builder key = InputKey.builder()
                .add("build", BuildIdentity.current())
                .add("server", serverVersion)
                .add("spec", specDigest)
                .add("service", settings.serviceName())
                .add("connection", settings.serviceConnection() == null ? null : settings.serviceConnection().toString())
                .add("docUrl", settings.docUrl())
                .add("fallbackUrl", settings.spec().fallbackUrl())
                .add("collectionFilter", describe(settings.collectionFilter()))
                .add("endpointFilter", describe(settings.endpointFilter()))
                .add("schemaFields", settings.schemaFields() == null ? null : settings.schemaFields().text())
                .add("deletion", settings.markDeletedApiCollections() + " " + settings.markDeletedApiEndpoints() + " "
                        + settings.deletionGuardMaxShare() + " " + settings.allowMassDeletion());
        referencedDocuments.forEach(document -> key.add("document", document));
        return key.build();
    }

    private static String describe(NameFilter filter) {
        return filter == null ? null : patterns(filter.includes()) + "\n--\n" + patterns(filter.excludes());
    }

    private static String patterns(List<Pattern> patterns) {
        return patterns.stream().map(Pattern::pattern).collect(Collectors.joining("\n"));
    }
}
