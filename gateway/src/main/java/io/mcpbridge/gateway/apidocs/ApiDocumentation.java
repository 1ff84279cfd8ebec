package io.mcpbridge.gateway.apidocs;

import java.util.List;
import java.util.Map;

import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.common.TraceHeaders;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What springdoc cannot see in the REST controllers, added to the document it generates
 * at {@code /v3/api-docs} (Swagger UI at {@code /docs}): the bodies the controllers read
 * themselves (so that a malformed body gets the bridge's error, not Spring's), the error
 * schema every failure answers with, the trace context headers of every call, and the MCP
 * endpoint ({@link McpEndpointDocumentation}). Built once, on the first request for the
 * document; nothing here runs on a call's path.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

	static final String ERROR_SCHEMA = "Error";

	private static final String JSON = "application/json";

	@Bean
	OpenApiCustomizer bridgeApiDocumentation(ObjectProvider<BuildProperties> build) {
		return api -> {
			api.info(new Info().title("mcp-bridge REST API")
				.version(build.getIfAvailable() != null ? build.getIfAvailable().getVersion() : "dev")
				.description("The seed's REST API in front of MCP stdio servers, and the standard MCP endpoint "
						+ "(Streamable HTTP, JSON-RPC 2.0) at /mcp and /mcp/u/{upstream}."));
			Components components = api.getComponents() != null ? api.getComponents() : new Components();
			components.addSchemas(ERROR_SCHEMA, errorSchema());
			api.components(components);
			bodies().forEach((path, schema) -> {
				PathItem item = api.getPaths() == null ? null : api.getPaths().get(path);
				if (item != null && item.getPost() != null) {
					item.getPost()
						.requestBody(new RequestBody().required(!path.endsWith("/tools/list"))
							.content(new Content().addMediaType(JSON, new MediaType().schema(schema))));
					answeredWithJson(item.getPost());
				}
			});
			if (api.getPaths() != null) {
				api.getPaths().values().forEach(item -> item.readOperations().forEach(ApiDocumentation::traced));
			}
			// After the REST paths: its refusals are JSON-RPC errors, not the REST
			// error schema.
			McpEndpointDocumentation.addTo(api);
		};
	}

	/**
	 * The handler writes its answer itself (one dispatch), so nothing tells springdoc
	 * that it is JSON.
	 */
	private static void answeredWithJson(Operation operation) {
		ApiResponse ok = operation.getResponses() == null ? null : operation.getResponses().get("200");
		if (ok != null && ok.getContent() == null) {
			ok.description("The JSON-RPC answer")
				.content(new Content().addMediaType(JSON, new MediaType().schema(new ObjectSchema())));
		}
	}

	/** Every call: the trace context in, the trace context out, the errors. */
	private static void traced(Operation operation) {
		operation.addParametersItem(header(TraceHeaders.TRACEPARENT,
				"W3C trace context to continue (version-traceid-parentid-flags); without it a trace starts here"));
		operation.addParametersItem(header(TraceHeaders.TRACESTATE, "W3C vendor trace state, forwarded as is"));
		ApiResponses responses = operation.getResponses() != null ? operation.getResponses() : new ApiResponses();
		responses.values()
			.forEach(response -> response.addHeaderObject(TraceHeaders.TRACEPARENT,
					new Header().description("The gateway's span of this call, in the caller's trace")
						.schema(new StringSchema())));
		Content error = new Content().addMediaType(JSON,
				new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + ERROR_SCHEMA)));
		responses.addApiResponse("4XX",
				new ApiResponse()
					.description("Refused: invalid request, unknown session, rate limited, ... (see error.code)")
					.content(error));
		responses.addApiResponse("5XX",
				new ApiResponse()
					.description("Not answered: queue unavailable, timeout, upstream failure, ... (see error.code)")
					.content(error));
		operation.responses(responses);
	}

	private static Parameter header(String name, String description) {
		return new HeaderParameter().name(name).description(description).required(false).schema(new StringSchema());
	}

	private static Schema<?> errorSchema() {
		Schema<?> detail = new ObjectSchema().addRequiredItem("code")
			.addRequiredItem("message")
			.addProperty("code",
					new StringSchema().description("Stable error code")
						._enum(List.of(ErrorCode.values()).stream().map(ErrorCode::name).toList()))
			.addProperty("message", new StringSchema().description("Explanation for humans; never a stack trace"))
			.addProperty("request_id", new StringSchema().description("The request concerned, once accepted"))
			.addProperty("upstream_code",
					new Schema<Integer>().type("integer")
						.description("The upstream's JSON-RPC error code, when the upstream refused"))
			.addProperty("upstream_data", new Schema<>().description("The upstream's JSON-RPC error data"));
		return new ObjectSchema().description("The body of every error response")
			.addRequiredItem("error")
			.addProperty("error", detail);
	}

	private static Map<String, Schema<?>> bodies() {
		Schema<?> clientInfo = new ObjectSchema().addProperty("name", new StringSchema())
			.addProperty("version", new StringSchema());
		Schema<?> initialize = new ObjectSchema().description("Opens a session on an upstream")
			.addProperty("session_id",
					new StringSchema().description("Reuse this id (1-128 of letters, digits, . _ : @ -)"))
			.addProperty("upstream",
					new StringSchema().description("The configured upstream; the default one if absent"))
			.addProperty("clientInfo", clientInfo)
			.addProperty("id", new Schema<>().description("JSON-RPC id echoed in the answer"));
		Schema<?> toolsCall = new ObjectSchema().description("Calls a tool of the session's upstream")
			.addRequiredItem("name")
			.addProperty("name", new StringSchema().description("The tool"))
			.addProperty("arguments", new ObjectSchema().description("The tool's arguments"))
			.addProperty("request_id", new StringSchema()
				.description("Idempotency key (or the Idempotency-Key header): a repeat executes nothing"));
		return Map.of("/mcp/initialize", initialize, "/mcp/tools/list", new ObjectSchema().description("Empty"),
				"/mcp/tools/call", toolsCall);
	}

}
