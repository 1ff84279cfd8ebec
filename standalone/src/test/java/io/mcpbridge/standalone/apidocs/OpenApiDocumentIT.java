package io.mcpbridge.standalone.apidocs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.mcpbridge.gateway.GatewayApplication;
import io.mcpbridge.standalone.BridgeHttp;
import io.mcpbridge.standalone.SharedStack;
import io.mcpbridge.standalone.StandaloneStack;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's {@code /v3/api-docs} is an OpenAPI 3 document (its required fields, every
 * operation with responses, every {@code $ref} resolvable) that documents every endpoint
 * of the gateway's REST controllers (found by scanning their mappings, so a new endpoint
 * without documentation fails here), the error schema and the headers of the API; Swagger
 * UI answers at {@code /docs}. The MCP endpoint (a servlet, described by hand) is checked
 * against what it answers.
 */
@ExtendWith(SharedStack.class)
class OpenApiDocumentIT {

	/** Controllers whose answers are not the REST API: the status page serves HTML. */
	private static final Set<String> NOT_API = Set.of("StatusPageController");

	@Test
	void theDocumentIsValidOpenApi3AndHasEveryRestEndpoint(StandaloneStack stack) throws Exception {
		BridgeHttp http = new BridgeHttp(stack.gatewayPort());
		BridgeHttp.Response response = http.get("/v3/api-docs");
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		JsonNode document = response.json();

		assertThat(document.path("openapi").asString()).startsWith("3.");
		assertThat(document.path("info").path("title").asString()).isNotBlank();
		assertThat(document.path("info").path("version").asString()).isNotBlank();
		JsonNode paths = document.path("paths");
		assertThat(paths.isObject()).isTrue();
		for (Endpoint endpoint : restEndpoints()) {
			JsonNode operation = paths.path(endpoint.path()).path(endpoint.method());
			assertThat(operation.isObject()).as("%s %s is documented", endpoint.method(), endpoint.path()).isTrue();
			assertThat(operation.path("responses").size()).as("responses of %s", endpoint).isPositive();
			assertThat(operation.path("responses").has("4XX")).as("errors of %s", endpoint).isTrue();
		}
		assertEveryReferenceResolves(document, document);

		JsonNode call = paths.path("/mcp/tools/call").path("post");
		assertThat(names(call.path("parameters"))).contains("X-Session-ID", "X-Priority", "X-Timeout",
				"Idempotency-Key", "traceparent");
		assertThat(call.path("requestBody")
			.path("content")
			.path("application/json")
			.path("schema")
			.path("required")
			.toString()).contains("name");
		assertThat(document.path("components")
			.path("schemas")
			.path("Error")
			.path("properties")
			.path("error")
			.path("properties")
			.path("code")
			.path("enum")
			.toString()).contains("SESSION_NOT_FOUND", "TIMEOUT");

		assertThat(http.get("/docs").status()).isIn(200, 302);
	}

	@Test
	void theMcpEndpointIsDocumentedWithItsHeadersBodyAndJsonRpcErrors(StandaloneStack stack) {
		BridgeHttp http = new BridgeHttp(stack.gatewayPort());
		JsonNode document = http.get("/v3/api-docs").json();
		assertEveryReferenceResolves(document, document);
		for (String path : List.of("/mcp", "/mcp/u/{upstream}")) {
			JsonNode item = document.path("paths").path(path);
			for (String method : List.of("post", "get", "delete")) {
				assertThat(item.path(method).path("responses").path("200").isObject()).as("%s %s", method, path)
					.isTrue();
			}
			assertThat(names(item.path("post").path("parameters"))).contains("Mcp-Session-Id", "MCP-Protocol-Version",
					"Accept", "Mcp-Method", "Mcp-Name");
			assertThat(names(item.path("get").path("parameters"))).contains("Mcp-Session-Id", "Last-Event-ID");
			assertThat(names(item.path("delete").path("parameters"))).contains("Mcp-Session-Id");
			assertThat(names(item.path("parameters"))).contains("traceparent");
			assertThat(item.path("post")
				.path("requestBody")
				.path("content")
				.path("application/json")
				.path("schema")
				.path("$ref")
				.asString()).isEqualTo("#/components/schemas/JsonRpcMessage");
			assertThat(item.path("post").path("responses").path("200").path("content").has("text/event-stream"))
				.isTrue();
			assertThat(item.path("post").path("responses").has("202")).isTrue();
		}
		assertThat(names(document.path("paths").path("/mcp/u/{upstream}").path("parameters"))).contains("upstream");
		JsonNode error = document.path("components").path("schemas").path("JsonRpcError");
		assertThat(error.path("properties").path("error").path("properties").path("code").path("type").asString())
			.isEqualTo("integer");
		assertThat(error.path("properties")
			.path("error")
			.path("properties")
			.path("data")
			.path("properties")
			.path("bridge_code")
			.path("enum")
			.toString()).contains("SESSION_NOT_FOUND", "UNAUTHORIZED");

		// What the document says is what the endpoint answers: each refusal below is a
		// documented status, with a body of the documented error shape.
		assertRefusalIsDocumented(document, "post",
				http.post("/mcp", "{not json", "Accept", "application/json, text/event-stream"), 400);
		assertRefusalIsDocumented(document, "post",
				http.post("/mcp", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}", "Accept", "application/json"),
				406);
		assertRefusalIsDocumented(document, "get", http.get("/mcp", "Accept", "text/event-stream", "Mcp-Session-Id",
				"no-such-session", "MCP-Protocol-Version", "2025-06-18"), 404);
		assertRefusalIsDocumented(document, "delete", http.delete("/mcp", "MCP-Protocol-Version", "2026-07-28"), 405);
	}

	private static void assertRefusalIsDocumented(JsonNode document, String method, BridgeHttp.Response response,
			int status) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		JsonNode documented = document.path("paths")
			.path("/mcp")
			.path(method)
			.path("responses")
			.path(String.valueOf(status));
		assertThat(documented.path("content").path("application/json").path("schema").path("$ref").asString())
			.as("%s %d is documented", method, status)
			.isEqualTo("#/components/schemas/JsonRpcError");
		JsonNode body = response.json();
		assertThat(body.path("jsonrpc").asString()).isEqualTo("2.0");
		assertThat(body.path("error").path("code").isIntegralNumber()).as(response.toString()).isTrue();
		assertThat(body.path("error").path("message").isString()).isTrue();
	}

	private static List<String> names(JsonNode parameters) {
		List<String> names = new ArrayList<>();
		parameters.forEach(parameter -> names.add(parameter.path("name").asString()));
		return names;
	}

	private record Endpoint(String method, String path) {
	}

	/** Every GET/POST/DELETE/PUT mapping of the gateway's REST controllers. */
	private static List<Endpoint> restEndpoints() throws ClassNotFoundException {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(new AnnotationTypeFilter(RestController.class));
		List<Endpoint> endpoints = new ArrayList<>();
		for (BeanDefinition candidate : scanner.findCandidateComponents(GatewayApplication.class.getPackageName())) {
			Class<?> controller = ClassUtils.forName(candidate.getBeanClassName(), null);
			if (NOT_API.contains(controller.getSimpleName())) {
				continue;
			}
			RequestMapping base = AnnotatedElementUtils.findMergedAnnotation(controller, RequestMapping.class);
			String prefix = base != null && base.path().length > 0 ? base.path()[0] : "";
			for (var method : controller.getDeclaredMethods()) {
				RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(method, RequestMapping.class);
				if (mapping == null) {
					continue;
				}
				for (String path : mapping.path().length > 0 ? mapping.path() : new String[] { "" }) {
					for (var verb : mapping.method()) {
						endpoints.add(new Endpoint(verb.name().toLowerCase(Locale.ROOT), prefix + path));
					}
				}
			}
		}
		assertThat(endpoints).as("the scan found the REST API").hasSizeGreaterThanOrEqualTo(5);
		return endpoints;
	}

	private static void assertEveryReferenceResolves(JsonNode document, JsonNode node) {
		if (node.isObject()) {
			JsonNode ref = node.get("$ref");
			if (ref != null) {
				String pointer = ref.asString();
				assertThat(pointer).startsWith("#/");
				assertThat(document.at(pointer.substring(1)).isMissingNode()).as("%s resolves", pointer).isFalse();
			}
			node.properties().forEach(entry -> assertEveryReferenceResolves(document, entry.getValue()));
		}
		else if (node.isArray()) {
			node.forEach(element -> assertEveryReferenceResolves(document, element));
		}
	}

}
