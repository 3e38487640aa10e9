package dev.omrest.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.JsonSchemaException;
import com.networknt.schema.KeywordFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaId;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Offline JSON-schema validation against the verbatim OpenMetadata schemas in
 * {@code <openmetadata.shared.dir>/openmetadata-schemas} (see that folder's SOURCE.md).
 *
 * <p>All {@code $id}s under {@code https://open-metadata.org/schema/} (and, for the awsCredentials quirk,
 * {@code https://open-metadata.org/}) are mapped to the local folder, so no network access happens.
 * Every schema is validated with draft-07 semantics, including the files whose header says 2020-12
 * (upstream only changed the header; they still use {@code definitions}). Compiled schemas are cached;
 * instances are thread-safe and shared per folder.
 */
public final class SchemaValidator {

    /** System property naming the folder that contains {@code openmetadata-schemas}. */
    public static final String SHARED_DIR_PROPERTY = "openmetadata.shared.dir";
    private static final String OM_SCHEMA_PREFIX = "https://open-metadata.org/schema/";
    private static final String OM_PREFIX = "https://open-metadata.org/";

    private static final Map<Path, SchemaValidator> INSTANCES = new ConcurrentHashMap<>();
    private static final AtomicBoolean NOTICE_PRINTED = new AtomicBoolean();

    private final Path folder;
    private final JsonSchemaFactory factory;
    private final SchemaValidatorsConfig config;
    private final Map<String, JsonSchema> compiled = new ConcurrentHashMap<>();

    private SchemaValidator(Path folder) {
        this.folder = folder;
        String base = folder.toUri().toString();
        if (!base.endsWith("/")) {
            base = base + "/";
        }
        String localBase = base;
        // Treat the 2020-12 header exactly like draft-07 (the schemas only use draft-07 constructs).
        // OpenMetadata's code-generation keywords (javaType, javaEnums, mask, expose, ...) are ignored silently.
        KeywordFactory ignoreUnknown = (keyword, context) -> new NonValidationKeyword(keyword);
        JsonMetaSchema draft7 = JsonMetaSchema.builder(JsonMetaSchema.getV7())
                .unknownKeywordFactory(ignoreUnknown).build();
        JsonMetaSchema draft7As202012 = JsonMetaSchema.builder(SchemaId.V202012, JsonMetaSchema.getV7())
                .unknownKeywordFactory(ignoreUnknown).build();
        this.factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7, builder -> builder
                .metaSchema(draft7)
                .metaSchema(draft7As202012)
                // most specific prefix first: the mappers are consulted in order
                .schemaMappers(mappers -> mappers
                        .mapPrefix(OM_SCHEMA_PREFIX, localBase)
                        .mapPrefix(OM_PREFIX, localBase)));
        this.config = SchemaValidatorsConfig.builder()
                .formatAssertionsEnabled(true)
                .pathType(PathType.JSON_PATH)
                .build();
    }

    /** The folder in use when the system property is not set: {@code ../shared/openmetadata-schemas}. */
    public static Path sharedSchemasFolder() {
        return Path.of(System.getProperty(SHARED_DIR_PROPERTY, "../shared"), "openmetadata-schemas");
    }

    /**
     * The validator for {@link #sharedSchemasFolder()}, or empty (after printing a single notice line to
     * stderr per JVM) when that folder does not exist.
     */
    public static Optional<SchemaValidator> fromSharedFolder() {
        Path folder = sharedSchemasFolder();
        if (!Files.isDirectory(folder)) {
            if (NOTICE_PRINTED.compareAndSet(false, true)) {
                System.err.println(folder + " not found: upstream schema validation skipped");
            }
            return Optional.empty();
        }
        return Optional.of(fromFolder(folder));
    }

    /** The (cached) validator for an explicit {@code openmetadata-schemas} folder, which must exist. */
    public static SchemaValidator fromFolder(Path folder) {
        Path key = folder.toAbsolutePath().normalize();
        if (!Files.isDirectory(key)) {
            throw new IllegalArgumentException("not a directory: " + key);
        }
        return INSTANCES.computeIfAbsent(key, SchemaValidator::new);
    }

    public Path folder() {
        return folder;
    }

    /**
     * Validates {@code body} against the schema at {@code schemaRelativePath} (relative to the schemas
     * folder, e.g. {@code api/data/createAPIEndpoint.json}).
     *
     * @return the validation messages (e.g. {@code $: required property 'apiCollection' not found}); empty = valid
     * @throws IllegalArgumentException when the schema file does not exist
     * @throws IllegalStateException when the schema cannot be compiled (the entity schemas, whose {@code votes}
     *         property reaches a dangling {@code $ref}: only request schemas are meant to be validated)
     */
    public List<String> validate(String schemaRelativePath, JsonNode body) {
        JsonSchema schema = compiled.computeIfAbsent(schemaRelativePath, this::compile);
        List<String> messages = new ArrayList<>();
        for (ValidationMessage message : schema.validate(body)) {
            messages.add(message.getMessage());
        }
        return messages;
    }

    private JsonSchema compile(String relativePath) {
        String clean = relativePath.startsWith("/") ? relativePath.substring(1) : relativePath;
        if (!Files.isRegularFile(folder.resolve(clean))) {
            throw new IllegalArgumentException("no schema " + clean + " in " + folder);
        }
        try {
            JsonSchema schema = factory.getSchema(SchemaLocation.of(OM_SCHEMA_PREFIX + clean), config);
            schema.initializeValidators(); // compile every reachable $ref now, once
            return schema;
        } catch (JsonSchemaException e) {
            // e.g. the entity schemas reach type/votes.json, whose $ref dangles (see SOURCE.md)
            throw new IllegalStateException("cannot compile schema " + clean + ": " + e.getMessage(), e);
        }
    }
}
