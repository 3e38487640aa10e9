package dev.omrest.parse;

import io.swagger.v3.oas.models.OpenAPI;

import java.util.List;
import java.util.Map;

/**
 * The parsed document.
 *
 * @param openApi      swagger-parser's model (Swagger 2.0 already converted to OpenAPI 3), refs unresolved
 * @param pathKeyOrder for every path, its keys in document order ({@code PathItem} does not keep that order)
 * @param messages     swagger-parser's messages: problems it tolerated
 */
public record ParsedSpec(OpenAPI openApi, Map<String, List<String>> pathKeyOrder, List<String> messages) {
}
