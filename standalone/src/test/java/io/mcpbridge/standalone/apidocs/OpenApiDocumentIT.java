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
 * UI answers at {@code /docs}.
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
		List<String> headers = new ArrayList<>();
		call.path("parameters").forEach(parameter -> headers.add(parameter.path("name").asString()));
		assertThat(headers).contains("X-Session-ID", "X-Priority", "X-Timeout", "Idempotency-Key", "traceparent");
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
