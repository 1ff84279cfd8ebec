package io.mcpbridge.gateway.apidocs;

import java.util.List;

import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.common.HttpHeaders;
import io.mcpbridge.common.TraceHeaders;
import io.mcpbridge.gateway.error.JsonRpcCodes;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.PathParameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

/**
 * The standard MCP endpoint (Streamable HTTP) in the OpenAPI document: {@code /mcp} and
 * {@code /mcp/u/{upstream}}, POST, GET and DELETE, with the transport's headers, the
 * JSON-RPC message a POST carries and the JSON-RPC error every refusal answers with.
 * springdoc cannot see it (a servlet, not a controller), so it is described here, from
 * the MCP specification's rules as the bridge applies them (README, "The standard MCP
 * endpoint").
 */
final class McpEndpointDocumentation {

	static final String MESSAGE_SCHEMA = "JsonRpcMessage";

	static final String ERROR_SCHEMA = "JsonRpcError";

	static final String SESSION_HEADER = "Mcp-Session-Id";

	static final String VERSION_HEADER = "MCP-Protocol-Version";

	static final String LAST_EVENT_ID = "Last-Event-ID";

	private static final String TAG = "MCP endpoint (Streamable HTTP)";

	private static final String JSON = "application/json";

	private static final String SSE = "text/event-stream";

	private McpEndpointDocumentation() {
	}

	/** Adds both paths and their schemas to the document. */
	static void addTo(OpenAPI api) {
		Components components = api.getComponents() != null ? api.getComponents() : new Components();
		components.addSchemas(MESSAGE_SCHEMA, messageSchema());
		components.addSchemas(ERROR_SCHEMA, errorSchema());
		api.components(components);
		api.path("/mcp", pathItem(false));
		api.path("/mcp/u/{upstream}", pathItem(true));
	}

	private static PathItem pathItem(boolean named) {
		String which = named ? "the named upstream" : "the default upstream (bridge.default-upstream)";
		PathItem item = new PathItem().post(post(which)).get(get(which)).delete(delete(which));
		if (named) {
			item.addParametersItem(new PathParameter().name("upstream")
				.required(true)
				.description("A configured upstream's name; an unknown one is 404")
				.schema(new StringSchema()));
		}
		item.addParametersItem(header("Origin",
				"Checked against bridge.mcp.allowed-origins when present (403 otherwise: DNS rebinding)"));
		item.addParametersItem(header(TraceHeaders.TRACEPARENT,
				"W3C trace context to continue (version-traceid-parentid-flags); without it a trace starts here"));
		item.addParametersItem(header(TraceHeaders.TRACESTATE, "W3C vendor trace state, forwarded as is"));
		return item;
	}

	private static Operation post(String which) {
		Operation post = new Operation().addTagsItem(TAG)
			.operationId(which.startsWith("the named") ? "mcpPostNamed" : "mcpPost")
			.summary("One JSON-RPC message to " + which)
			.description("A request (method and id) is answered with one JSON body, or with an SSE stream as soon as "
					+ "the upstream sends something during the call (progress, log messages, requests to the "
					+ "client), ending with the response. A notification, or the client's response to a request "
					+ "of the upstream, is accepted with 202. Session era (2025 revisions): initialize returns "
					+ "Mcp-Session-Id, which every later request must send. Stateless era (2026-07-28): no "
					+ "session; MCP-Protocol-Version, Mcp-Method and Mcp-Name must agree with the body and _meta.");
		post.addParametersItem(
				required(header("Accept", "Must list both application/json and text/event-stream (406 otherwise)")));
		post.addParametersItem(header(SESSION_HEADER,
				"The session from initialize's response (session era); missing 400, unknown or another "
						+ "caller's 404"));
		post.addParametersItem(header(VERSION_HEADER,
				"A supported protocol revision (400 -32022 otherwise); 2026-07-28 marks a stateless request"));
		post.addParametersItem(header("Mcp-Method", "2026-07-28: the body's method (400 -32020 if it differs)"));
		post.addParametersItem(header("Mcp-Name",
				"2026-07-28: the tool, prompt or resource of tools/call, prompts/get, resources/read"));
		post.addParametersItem(header("Mcp-Param-Entity-Id",
				"The entity a tools/call acts on, when the arguments cannot say (it orders the call)"));
		post.addParametersItem(header(HttpHeaders.PRIORITY, "CRITICAL, HIGH, MEDIUM, LOW or BULK (tools/call)"));
		post.addParametersItem(header(HttpHeaders.TIMEOUT, "Seconds the client waits (tools/call)"));
		post.addParametersItem(header("X-Cache-Control", "no-cache, no-store or max-age=N (as on the REST API)"));
		post.requestBody(new RequestBody().required(true)
			.description("Exactly one JSON-RPC 2.0 message (no batches), at most bridge.http.max-body-size")
			.content(new Content().addMediaType(JSON, new MediaType().schema(ref(MESSAGE_SCHEMA)))));
		ApiResponses responses = new ApiResponses()
			.addApiResponse("200", new ApiResponse()
				.description("The JSON-RPC response (result, or error: a bridge failure names its code in "
						+ "error.data.bridge_code; an upstream's error keeps its code, message and data)")
				.addHeaderObject(SESSION_HEADER,
						new Header().description("On initialize's answer: the new session").schema(new StringSchema()))
				.content(new Content().addMediaType(JSON, new MediaType().schema(ref(MESSAGE_SCHEMA)))
					.addMediaType(SSE, new MediaType().schema(sseSchema()))))
			.addApiResponse("202", new ApiResponse().description("A notification or response was accepted; no body"));
		refusals(responses, "400", "Malformed JSON (-32700), not one JSON-RPC 2.0 message (-32600), missing session "
				+ "id, unsupported protocol version (-32022), headers that disagree with the body (-32020)");
		refusals(responses, "404", "Unknown or expired session, or another caller's; unknown upstream");
		refusals(responses, "406", "Accept does not list both application/json and text/event-stream");
		refusals(responses, "413", "The body exceeds bridge.http.max-body-size");
		refusals(responses, "415", "The body is not application/json");
		common(responses);
		return post.responses(responses);
	}

	private static Operation get(String which) {
		Operation get = new Operation().addTagsItem(TAG)
			.operationId(which.startsWith("the named") ? "mcpGetNamed" : "mcpGet")
			.summary("An SSE stream of the session (session era only)")
			.description("Without Last-Event-ID: a stream for server-initiated messages (keep-alive comments, bounded "
					+ "by bridge.mcp.standalone-stream-max-duration). With Last-Event-ID (<request id>.<n>): the "
					+ "resumption of that request's stream after event n, on any replica. 2026-07-28: 405.");
		get.addParametersItem(required(header("Accept", "Must list text/event-stream (406 otherwise)")));
		get.addParametersItem(required(header(SESSION_HEADER, "The session the stream belongs to")));
		get.addParametersItem(header(VERSION_HEADER, "A supported protocol revision; 2026-07-28 gets 405"));
		get.addParametersItem(header(LAST_EVENT_ID, "The last event the client received, to resume after it"));
		ApiResponses responses = new ApiResponses().addApiResponse("200",
				new ApiResponse().description("The SSE stream")
					.content(new Content().addMediaType(SSE, new MediaType().schema(sseSchema()))));
		refusals(responses, "400", "Missing session id");
		refusals(responses, "404", "Unknown or expired session, or another caller's");
		refusals(responses, "405", "Not served in 2026-07-28 (Allow: POST)");
		refusals(responses, "406", "Accept does not list text/event-stream");
		common(responses);
		return get.responses(responses);
	}

	private static Operation delete(String which) {
		Operation delete = new Operation().addTagsItem(TAG)
			.operationId(which.startsWith("the named") ? "mcpDeleteNamed" : "mcpDelete")
			.summary("Ends the session (session era only)");
		delete.addParametersItem(required(header(SESSION_HEADER, "The session to end")));
		delete.addParametersItem(header(VERSION_HEADER, "A supported protocol revision; 2026-07-28 gets 405"));
		ApiResponses responses = new ApiResponses().addApiResponse("200",
				new ApiResponse().description("The session is gone; its id now answers 404"));
		refusals(responses, "400", "Missing session id");
		refusals(responses, "404", "Unknown or expired session, or another caller's");
		refusals(responses, "405", "Not served in 2026-07-28 (Allow: POST)");
		common(responses);
		return delete.responses(responses);
	}

	/** What every method may answer: credentials, origin, limits, availability. */
	private static void common(ApiResponses responses) {
		refusals(responses, "401",
				"Authentication is on and no valid credential was sent (WWW-Authenticate names the RFC 9728 "
						+ "metadata)");
		refusals(responses, "403", "Origin or Host not allowed (DNS rebinding), or an upstream the tenant may not use");
		refusals(responses, "429", "Rate limited (Retry-After, RateLimit-Policy, RateLimit)");
		refusals(responses, "503",
				"Overloaded, queue or store unavailable, upstream circuit open (Retry-After); see data.bridge_code");
		responses.values()
			.forEach(response -> response.addHeaderObject(TraceHeaders.TRACEPARENT,
					new Header().description("The gateway's span of this call, in the caller's trace")
						.schema(new StringSchema())));
	}

	private static void refusals(ApiResponses responses, String status, String description) {
		responses.addApiResponse(status, new ApiResponse().description(description)
			.content(new Content().addMediaType(JSON, new MediaType().schema(ref(ERROR_SCHEMA)))));
	}

	private static Schema<?> messageSchema() {
		Schema<?> id = new Schema<>().description("A string or an integer (not null, for a request)")
			.oneOf(List.of(new StringSchema(), new IntegerSchema()));
		return new ObjectSchema()
			.description("A JSON-RPC 2.0 message: a request (method and id), a notification (method, no id) or "
					+ "a response (id and result or error). Methods passed to the upstream: tools/list, "
					+ "tools/call, resources/*, prompts/*, completion/complete, ping; initialize and "
					+ "server/discover are answered by the bridge with the upstream's capabilities.")
			.addRequiredItem("jsonrpc")
			.addProperty("jsonrpc", new StringSchema()._enum(List.of("2.0")))
			.addProperty("id", id)
			.addProperty("method", new StringSchema().example("tools/call"))
			.addProperty("params",
					new ObjectSchema().description("The method's parameters; tools/call: name, arguments, _meta"))
			.addProperty("result", new ObjectSchema().description("A response's result"))
			.addProperty("error", errorDetail());
	}

	private static Schema<?> errorSchema() {
		return new ObjectSchema().description("A JSON-RPC 2.0 error response: the body of every refusal")
			.addRequiredItem("jsonrpc")
			.addRequiredItem("error")
			.addProperty("jsonrpc", new StringSchema()._enum(List.of("2.0")))
			.addProperty("id", new Schema<>().description("The request's id; null when it could not be read"))
			.addProperty("error", errorDetail());
	}

	private static Schema<?> errorDetail() {
		Schema<?> data = new ObjectSchema()
			.description("The bridge's own details; an upstream's error keeps the upstream's data instead")
			.addProperty("bridge_code",
					new StringSchema().description("The bridge's stable error code")
						._enum(List.of(ErrorCode.values()).stream().map(ErrorCode::name).toList()))
			.addProperty("request_id", new StringSchema().description("The request concerned, once accepted"));
		return new ObjectSchema().addRequiredItem("code")
			.addRequiredItem("message")
			.addProperty("code",
					new IntegerSchema().description("JSON-RPC error code: " + JsonRpcCodes.PARSE_ERROR
							+ " parse error, " + JsonRpcCodes.INVALID_REQUEST + " invalid request, "
							+ JsonRpcCodes.METHOD_NOT_FOUND + " method not found, " + JsonRpcCodes.INVALID_PARAMS
							+ " invalid params, " + JsonRpcCodes.INTERNAL_ERROR + " internal error, "
							+ JsonRpcCodes.SERVER_ERROR + " a bridge failure (see data.bridge_code), "
							+ JsonRpcCodes.REQUEST_TIMEOUT + " timeout, " + JsonRpcCodes.HEADER_MISMATCH
							+ " header mismatch, " + JsonRpcCodes.MISSING_CAPABILITY + " missing client capability, "
							+ JsonRpcCodes.UNSUPPORTED_VERSION
							+ " unsupported protocol version; an upstream's own code " + "otherwise"))
			.addProperty("message", new StringSchema().description("Explanation for humans; never a stack trace"))
			.addProperty("data", data);
	}

	private static Schema<?> sseSchema() {
		return new StringSchema().description("Server-sent events: a priming event (id, empty data), then "
				+ "'message' events each carrying one JSON-RPC message (id <request id>.<n>), the last one the "
				+ "response; ': keep-alive' comments in between");
	}

	private static Schema<?> ref(String schema) {
		return new Schema<>().$ref("#/components/schemas/" + schema);
	}

	private static Parameter header(String name, String description) {
		return new HeaderParameter().name(name).description(description).required(false).schema(new StringSchema());
	}

	private static Parameter required(Parameter parameter) {
		return parameter.required(true);
	}

}
