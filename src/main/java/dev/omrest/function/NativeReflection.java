package dev.omrest.function;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Every type Jackson binds by reflection, registered for the native image (GraalVM/Mandrel keep no
 * reflective metadata unless told). Three groups:
 * <ul>
 *   <li>our own records that are serialised or deserialised: function results, reports, OpenMetadata bodies;</li>
 *   <li>swagger-parser's OpenAPI 3 model ({@code io.swagger.v3.oas.models..}): {@code OpenAPIDeserializer} builds most of
 *       it by hand, but schemas, examples and extensions go through {@code Json.mapper().convertValue}, and the
 *       Swagger 2.0 converter turns every v2 property into a v3 {@code Schema} with Jackson;</li>
 *   <li>the Swagger 2.0 path ({@code io.swagger.models..}): {@code SwaggerDeserializer} binds properties, XML and
 *       security definitions with Jackson, and the converter serialises them again; plus the swagger-core
 *       Jackson mix-ins (and the serializers their annotations name) that both object mappers install.</li>
 * </ul>
 * The Swagger 2.0 converter is called directly ({@code dev.omrest.parse.SpecParser}), not found through
 * {@code ServiceLoader}, which Quarkus switches off in native images. {@code NativeReadinessTest} fails when a
 * bound type is missing here: a new record in {@code dev.omrest.report} or {@code dev.omrest.openmetadata}, a new
 * {@code @Funq} result, or a swagger-parser upgrade that adds model classes.
 */
@RegisterForReflection(
        targets = {
            // our function results (Funqy output)
            dev.omrest.function.HttpAnswer.class,
            // our reports
            dev.omrest.outcome.EntityCounts.class,
            dev.omrest.report.IngestReport.class,
            dev.omrest.report.SealCheck.class,
            dev.omrest.outcome.Notice.class,
            dev.omrest.report.ServerCheck.class,
            dev.omrest.report.TestConnectionResult.class,
            dev.omrest.report.TestConnectionResult.Step.class,
            // our OpenMetadata request and response bodies
            dev.omrest.openmetadata.ApiSchema.class,
            dev.omrest.openmetadata.BulkDeleteStaleRequest.class,
            dev.omrest.openmetadata.CreateApiCollection.class,
            dev.omrest.openmetadata.CreateApiEndpoint.class,
            dev.omrest.openmetadata.CreateApiService.class,
            dev.omrest.openmetadata.CreateApiService.Connection.class,
            dev.omrest.openmetadata.JsonPatchOperation.class,
            dev.omrest.openmetadata.PipelineLogs.class,
            dev.omrest.openmetadata.PipelineStatus.class,
            dev.omrest.openmetadata.PipelineStatus.Failure.class,
            dev.omrest.openmetadata.PipelineStatus.StepSummary.class,
            dev.omrest.openmetadata.SchemaField.class,
            // the client package's other records are not serialised; NativeReadinessTest holds every record there to it
            dev.omrest.openmetadata.CurrentState.class,
            dev.omrest.openmetadata.CatalogueOutline.class,
            dev.omrest.openmetadata.ChangeEvent.class,
            dev.omrest.openmetadata.ExistingEntity.class,
            dev.omrest.openmetadata.RetryPolicy.class,
            dev.omrest.openmetadata.ServerCalls.Answer.class,
            dev.omrest.openmetadata.ServerVersion.class,
            // io.swagger.jackson.mixin
            io.swagger.jackson.mixin.IgnoreOriginalRefMixin.class,
            io.swagger.jackson.mixin.OperationResponseMixin.class,
            io.swagger.jackson.mixin.OriginalRefMixin.class,
            io.swagger.jackson.mixin.ResponseSchemaMixin.class,
            // io.swagger.models
            io.swagger.models.AbstractModel.class,
            io.swagger.models.ArrayModel.class,
            io.swagger.models.BooleanValueModel.class,
            io.swagger.models.ComposedModel.class,
            io.swagger.models.Contact.class,
            io.swagger.models.ExternalDocs.class,
            io.swagger.models.HttpMethod.class,
            io.swagger.models.Info.class,
            io.swagger.models.License.class,
            io.swagger.models.Model.class,
            io.swagger.models.ModelImpl.class,
            io.swagger.models.Operation.class,
            io.swagger.models.Path.class,
            io.swagger.models.RefModel.class,
            io.swagger.models.RefPath.class,
            io.swagger.models.RefResponse.class,
            io.swagger.models.Response.class,
            io.swagger.models.Responses.class,
            io.swagger.models.Scheme.class,
            io.swagger.models.SecurityRequirement.class,
            io.swagger.models.SecurityScope.class,
            io.swagger.models.Swagger.class,
            io.swagger.models.Tag.class,
            io.swagger.models.Xml.class,
            // io.swagger.models.auth
            io.swagger.models.auth.AbstractSecuritySchemeDefinition.class,
            io.swagger.models.auth.ApiKeyAuthDefinition.class,
            io.swagger.models.auth.AuthorizationValue.class,
            io.swagger.models.auth.BasicAuthDefinition.class,
            io.swagger.models.auth.In.class,
            io.swagger.models.auth.OAuth2Definition.class,
            io.swagger.models.auth.SecuritySchemeDefinition.class,
            io.swagger.models.auth.UrlMatcher.class,
            // io.swagger.models.parameters
            io.swagger.models.parameters.AbstractParameter.class,
            io.swagger.models.parameters.AbstractSerializableParameter.class,
            io.swagger.models.parameters.BodyParameter.class,
            io.swagger.models.parameters.CookieParameter.class,
            io.swagger.models.parameters.FormParameter.class,
            io.swagger.models.parameters.HeaderParameter.class,
            io.swagger.models.parameters.Parameter.class,
            io.swagger.models.parameters.PathParameter.class,
            io.swagger.models.parameters.QueryParameter.class,
            io.swagger.models.parameters.RefParameter.class,
            io.swagger.models.parameters.SerializableParameter.class,
            // io.swagger.models.properties
            io.swagger.models.properties.AbstractNumericProperty.class,
            io.swagger.models.properties.AbstractProperty.class,
            io.swagger.models.properties.ArrayProperty.class,
            io.swagger.models.properties.BaseIntegerProperty.class,
            io.swagger.models.properties.BinaryProperty.class,
            io.swagger.models.properties.BooleanProperty.class,
            io.swagger.models.properties.BooleanValueProperty.class,
            io.swagger.models.properties.ByteArrayProperty.class,
            io.swagger.models.properties.ComposedProperty.class,
            io.swagger.models.properties.DateProperty.class,
            io.swagger.models.properties.DateTimeProperty.class,
            io.swagger.models.properties.DecimalProperty.class,
            io.swagger.models.properties.DoubleProperty.class,
            io.swagger.models.properties.EmailProperty.class,
            io.swagger.models.properties.FileProperty.class,
            io.swagger.models.properties.FloatProperty.class,
            io.swagger.models.properties.IntegerProperty.class,
            io.swagger.models.properties.LongProperty.class,
            io.swagger.models.properties.MapProperty.class,
            io.swagger.models.properties.ObjectProperty.class,
            io.swagger.models.properties.PasswordProperty.class,
            io.swagger.models.properties.Property.class,
            io.swagger.models.properties.PropertyBuilder.PropertyId.class,
            io.swagger.models.properties.PropertyBuilder.class,
            io.swagger.models.properties.RefProperty.class,
            io.swagger.models.properties.StringProperty.Format.class,
            io.swagger.models.properties.StringProperty.class,
            io.swagger.models.properties.UUIDProperty.class,
            io.swagger.models.properties.UntypedProperty.class,
            // io.swagger.models.refs
            io.swagger.models.refs.GenericRef.class,
            io.swagger.models.refs.RefFormat.class,
            io.swagger.models.refs.RefType.class,
            // io.swagger.models.utils
            io.swagger.models.utils.PropertyModelConverter.class,
            // io.swagger.v3.core.jackson.mixin
            io.swagger.v3.core.jackson.mixin.Components31Mixin.class,
            io.swagger.v3.core.jackson.mixin.ComponentsMixin.class,
            io.swagger.v3.core.jackson.mixin.DateSchemaMixin.class,
            io.swagger.v3.core.jackson.mixin.Discriminator31Mixin.class,
            io.swagger.v3.core.jackson.mixin.DiscriminatorMixin.class,
            io.swagger.v3.core.jackson.mixin.ExampleMixin.class,
            io.swagger.v3.core.jackson.mixin.ExtensionsMixin.class,
            io.swagger.v3.core.jackson.mixin.Info31Mixin.class,
            io.swagger.v3.core.jackson.mixin.InfoMixin.class,
            io.swagger.v3.core.jackson.mixin.LicenseMixin.class,
            io.swagger.v3.core.jackson.mixin.MediaTypeMixin.class,
            io.swagger.v3.core.jackson.mixin.OpenAPI31Mixin.class,
            io.swagger.v3.core.jackson.mixin.OpenAPIMixin.class,
            io.swagger.v3.core.jackson.mixin.OperationMixin.class,
            io.swagger.v3.core.jackson.mixin.Schema31Mixin.TypeSerializer.class,
            io.swagger.v3.core.jackson.mixin.Schema31Mixin.class,
            io.swagger.v3.core.jackson.mixin.SchemaConverterMixin.class,
            io.swagger.v3.core.jackson.mixin.SchemaMixin.class,
            // io.swagger.v3.oas.models
            io.swagger.v3.oas.models.Components.class,
            io.swagger.v3.oas.models.ExternalDocumentation.class,
            io.swagger.v3.oas.models.OpenAPI.class,
            io.swagger.v3.oas.models.Operation.class,
            io.swagger.v3.oas.models.PathItem.HttpMethod.class,
            io.swagger.v3.oas.models.PathItem.class,
            io.swagger.v3.oas.models.Paths.class,
            io.swagger.v3.oas.models.SpecVersion.class,
            // io.swagger.v3.oas.models.callbacks
            io.swagger.v3.oas.models.callbacks.Callback.class,
            // io.swagger.v3.oas.models.examples
            io.swagger.v3.oas.models.examples.Example.class,
            // io.swagger.v3.oas.models.headers
            io.swagger.v3.oas.models.headers.Header.StyleEnum.class,
            io.swagger.v3.oas.models.headers.Header.class,
            // io.swagger.v3.oas.models.info
            io.swagger.v3.oas.models.info.Contact.class,
            io.swagger.v3.oas.models.info.Info.class,
            io.swagger.v3.oas.models.info.License.class,
            // io.swagger.v3.oas.models.links
            io.swagger.v3.oas.models.links.Link.class,
            io.swagger.v3.oas.models.links.LinkParameter.class,
            // io.swagger.v3.oas.models.media
            io.swagger.v3.oas.models.media.ArbitrarySchema.class,
            io.swagger.v3.oas.models.media.ArraySchema.class,
            io.swagger.v3.oas.models.media.BinarySchema.class,
            io.swagger.v3.oas.models.media.BooleanSchema.class,
            io.swagger.v3.oas.models.media.ByteArraySchema.class,
            io.swagger.v3.oas.models.media.ComposedSchema.class,
            io.swagger.v3.oas.models.media.Content.class,
            io.swagger.v3.oas.models.media.DateSchema.class,
            io.swagger.v3.oas.models.media.DateTimeSchema.class,
            io.swagger.v3.oas.models.media.Discriminator.class,
            io.swagger.v3.oas.models.media.EmailSchema.class,
            io.swagger.v3.oas.models.media.Encoding.StyleEnum.class,
            io.swagger.v3.oas.models.media.Encoding.class,
            io.swagger.v3.oas.models.media.EncodingProperty.StyleEnum.class,
            io.swagger.v3.oas.models.media.EncodingProperty.class,
            io.swagger.v3.oas.models.media.FileSchema.class,
            io.swagger.v3.oas.models.media.IntegerSchema.class,
            io.swagger.v3.oas.models.media.JsonSchema.class,
            io.swagger.v3.oas.models.media.MapSchema.class,
            io.swagger.v3.oas.models.media.MediaType.class,
            io.swagger.v3.oas.models.media.NumberSchema.class,
            io.swagger.v3.oas.models.media.ObjectSchema.class,
            io.swagger.v3.oas.models.media.PasswordSchema.class,
            io.swagger.v3.oas.models.media.Schema.BynaryStringConversion.class,
            io.swagger.v3.oas.models.media.Schema.SchemaResolution.class,
            io.swagger.v3.oas.models.media.Schema.class,
            io.swagger.v3.oas.models.media.StringSchema.class,
            io.swagger.v3.oas.models.media.UUIDSchema.class,
            io.swagger.v3.oas.models.media.XML.class,
            // io.swagger.v3.oas.models.parameters
            io.swagger.v3.oas.models.parameters.CookieParameter.class,
            io.swagger.v3.oas.models.parameters.HeaderParameter.class,
            io.swagger.v3.oas.models.parameters.Parameter.StyleEnum.class,
            io.swagger.v3.oas.models.parameters.Parameter.class,
            io.swagger.v3.oas.models.parameters.PathParameter.class,
            io.swagger.v3.oas.models.parameters.QueryParameter.class,
            io.swagger.v3.oas.models.parameters.RequestBody.class,
            // io.swagger.v3.oas.models.responses
            io.swagger.v3.oas.models.responses.ApiResponse.class,
            io.swagger.v3.oas.models.responses.ApiResponses.class,
            // io.swagger.v3.oas.models.security
            io.swagger.v3.oas.models.security.OAuthFlow.class,
            io.swagger.v3.oas.models.security.OAuthFlows.class,
            io.swagger.v3.oas.models.security.Scopes.class,
            io.swagger.v3.oas.models.security.SecurityRequirement.class,
            io.swagger.v3.oas.models.security.SecurityScheme.In.class,
            io.swagger.v3.oas.models.security.SecurityScheme.Type.class,
            io.swagger.v3.oas.models.security.SecurityScheme.class,
            // io.swagger.v3.oas.models.servers
            io.swagger.v3.oas.models.servers.Server.class,
            io.swagger.v3.oas.models.servers.ServerVariable.class,
            io.swagger.v3.oas.models.servers.ServerVariables.class,
            // io.swagger.v3.oas.models.tags
            io.swagger.v3.oas.models.tags.Tag.class,
            // serializers named by the swagger-core v3 mix-ins' @JsonSerialize(using = ...)
            io.swagger.v3.core.jackson.ApiResponsesSerializer.class,
            io.swagger.v3.core.jackson.CallbackSerializer.class,
            io.swagger.v3.core.jackson.PathsSerializer.class
        },
        // not public, so not nameable as a class literal
        classNames = {
            "dev.omrest.openmetadata.RetryableAnswer", // package-private; not serialised either
            "io.swagger.models.properties.PropertyBuilder$Processor"
        })
public final class NativeReflection {
    private NativeReflection() {
    }
}
