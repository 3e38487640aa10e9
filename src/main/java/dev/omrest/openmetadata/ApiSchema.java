package dev.omrest.openmetadata;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * OpenMetadata's {@code type/apiSchema.json}; {@code schemaFields} is null when a referenced schema could not be read.
 * It has no {@code schemaType}: upstream's client leaves out every field it did not set, and the server stores its
 * default, {@code JSON}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiSchema(List<SchemaField> schemaFields) {
}
