package io.mcpbridge.gateway.api;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.mcpbridge.common.BridgeJson;
import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.gateway.cache.CacheAnswer;
import io.mcpbridge.gateway.call.CallContext;
import io.mcpbridge.gateway.call.CallPipeline;
import io.mcpbridge.gateway.call.RequestMetrics;
import io.mcpbridge.gateway.config.GatewayProperties;
import io.mcpbridge.gateway.error.BridgeException;
import io.mcpbridge.gateway.error.ErrorMapping;
import io.mcpbridge.gateway.security.CallContexts;
import io.mcpbridge.gateway.session.Session;
import io.mcpbridge.gateway.session.SessionStore;
import io.mcpbridge.gateway.submit.EnvelopeFactory;
import io.mcpbridge.gateway.submit.ToolPolicies;
import io.mcpbridge.gateway.upstream.KnownUpstreams;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The REST API's HTTP mapping alone (a {@code @WebMvcTest} slice): paths, headers,
 * bodies, statuses and error bodies, with the call pipeline, the session store and the
 * upstream registry mocked. What happens behind the pipeline is tested on the real stack
 * elsewhere.
 */
@WebMvcTest(RestApiController.class)
// Authentication is tested on the real stack (TenantIsolationIT); here every caller is
// the open mode's tenant.
@AutoConfigureMockMvc(addFilters = false)
@Import({ JsonBodyReader.class, DirectResponses.class, EnvelopeFactory.class, ToolPolicies.class, ErrorMapping.class,
		RequestMetrics.class, RestApiSliceTest.SliceBeans.class })
class RestApiSliceTest {

	private static final String SESSION = "s-0123456789abcdef";

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private CallPipeline pipeline;

	@MockitoBean
	private SessionStore sessions;

	@MockitoBean
	private KnownUpstreams upstreams;

	@MockitoBean
	private CallContexts callers;

	/** What the application's own configuration would provide; a slice has none of it. */
	@TestConfiguration
	@EnableConfigurationProperties(GatewayProperties.class)
	static class SliceBeans {

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

	@BeforeEach
	void aKnownSession() {
		given(callers.of(any())).willReturn(CallContext.of("default", "127.0.0.1"));
		given(sessions.findOwnedAndTouch("default", null, SESSION))
			.willReturn(Optional.of(Session.start(SESSION, "default", "home", null, "2025-06-18", 0, 60_000)));
	}

	@Test
	void initializeNegotiatesAndAnswersWithTheNewSessionInHeaderAndBody() throws Exception {
		given(pipeline.answer(any(), any(), any())).willReturn(answer(
				"{\"protocolVersion\":\"2025-06-18\",\"serverInfo\":{\"name\":\"home-sim\",\"version\":\"1\"}}"));

		ResultActions result = completed(json(post("/mcp/initialize"),
				"{\"id\":7,\"protocolVersion\":\"2025-06-18\",\"clientInfo\":{\"name\":\"c\"}}"));

		result.andExpect(status().isOk())
			.andExpect(header().exists("X-Session-ID"))
			.andExpect(jsonPath("$.jsonrpc").value("2.0"))
			.andExpect(jsonPath("$.id").value(7))
			.andExpect(jsonPath("$.result.serverInfo.name").value("home-sim"))
			.andExpect(jsonPath("$.result.session_id").isString());
		verify(sessions).create(any(), eq("default"), isNull(), eq("home"), any(), eq("2025-06-18"), isNull());
	}

	@Test
	void aToolCallAnswersTheResultUnderItsRequestId() throws Exception {
		given(pipeline.answer(any(), any(), any()))
			.willReturn(answer("{\"content\":[{\"type\":\"text\",\"text\":\"on\"}],\"isError\":false}"));

		completed(json(post("/mcp/tools/call").header("X-Session-ID", SESSION).header("Idempotency-Key", "req-1"),
				"{\"name\":\"get_entity_state\",\"arguments\":{\"entity_id\":\"light.kitchen\"}}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value("req-1"))
			.andExpect(jsonPath("$.result.content[0].text").value("on"));
	}

	@Test
	void aPendingCallIsAnsweredWhenItsPipelineCompletesWithoutASecondDispatch() throws Exception {
		CompletableFuture<CacheAnswer> pending = new CompletableFuture<>();
		given(pipeline.answer(any(), any(), any())).willReturn(pending);

		MvcResult started = mvc
			.perform(json(post("/mcp/tools/call").header("X-Session-ID", SESSION),
					"{\"name\":\"get_entity_state\",\"arguments\":{\"entity_id\":\"light.kitchen\"}}"))
			.andExpect(request().asyncStarted())
			.andReturn();
		pending.complete(CacheAnswer
			.bypassed(BridgeJson.mapper().readTree("{\"content\":[{\"type\":\"text\",\"text\":\"on\"}]}")));

		assertThat(started.getResponse().getStatus()).isEqualTo(200);
		assertThat(started.getResponse().getContentAsString()).contains("\"text\":\"on\"");
		assertThat(started.getRequest().isAsyncStarted()).isFalse();
	}

	@Test
	void respondAsyncIsAcceptedWithTheResultsLocation() throws Exception {
		given(pipeline.accept(any(), any(), any())).willReturn(CompletableFuture.completedFuture(null));

		completed(json(post("/mcp/tools/call").header("X-Session-ID", SESSION)
			.header("Prefer", "respond-async")
			.header("Idempotency-Key", "req-async"), "{\"name\":\"call_service\",\"arguments\":{}}"))
			.andExpect(status().isAccepted())
			.andExpect(header().string("Location", "/mcp/requests/req-async"))
			.andExpect(header().string("Preference-Applied", "respond-async"));
	}

	@Test
	void aRefusalCarriesItsOwnRetryAfterAndHeaders() throws Exception {
		given(pipeline.answer(any(), any(), any())).willReturn(CompletableFuture
			.failedFuture(new BridgeException(ErrorCode.RATE_LIMITED, "slow down").withHeader("Retry-After", "7")
				.withHeader("RateLimit", "\"tenant\";r=0;t=7")));

		completed(json(post("/mcp/tools/call").header("X-Session-ID", SESSION), "{\"name\":\"get_entities\"}"))
			.andExpect(status().isTooManyRequests())
			.andExpect(header().string("Retry-After", "7"))
			.andExpect(header().string("RateLimit", "\"tenant\";r=0;t=7"))
			.andExpect(jsonPath("$.error.code").value("RATE_LIMITED"));
	}

	/** Every refusal of the pipeline keeps its code's status and stable code. */
	@ParameterizedTest
	@CsvSource({ "UPSTREAM_CIRCUIT_OPEN, 503, true", "OVERLOADED, 503, true", "QUEUE_UNAVAILABLE, 503, true",
			"FORBIDDEN, 403, false", "UPSTREAM_ERROR, 502, false", "TIMEOUT, 504, false",
			"TIMEOUT_IN_QUEUE, 504, false", "UNKNOWN_UPSTREAM, 404, false" })
	void pipelineRefusalsKeepTheirStatusAndCode(ErrorCode code, int status, boolean retryAfter) throws Exception {
		given(pipeline.answer(any(), any(), any()))
			.willReturn(CompletableFuture.failedFuture(new BridgeException(code, "refused")));

		ResultActions result = completed(
				json(post("/mcp/tools/call").header("X-Session-ID", SESSION), "{\"name\":\"get_entities\"}"))
			.andExpect(status().is(status))
			.andExpect(jsonPath("$.error.code").value(code.name()));
		result.andExpect(retryAfter ? header().exists("Retry-After") : header().doesNotExist("Retry-After"));
	}

	@Test
	void noSessionHeaderIsSessionIdMissing() throws Exception {
		mvc.perform(json(post("/mcp/tools/list"), "{}"))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.error.code").value("SESSION_ID_MISSING"));
		verify(pipeline, never()).answer(any(), any(), any());
	}

	@Test
	void aMalformedSessionIdIsAnswered404WithoutReachingTheStore() throws Exception {
		mvc.perform(json(post("/mcp/tools/list").header("X-Session-ID", "../../etc/passwd"), "{}"))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.error.code").value("SESSION_NOT_FOUND"));
		verify(sessions, never()).findOwnedAndTouch(any(), any(), eq("../../etc/passwd"));
	}

	@Test
	void aToolCallWithoutANameIsInvalid() throws Exception {
		mvc.perform(json(post("/mcp/tools/call").header("X-Session-ID", SESSION), "{\"arguments\":{}}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error.code").value("INVALID_REQUEST"));
	}

	@Test
	void differingRequestIdAndIdempotencyKeyAreInvalid() throws Exception {
		mvc.perform(json(post("/mcp/tools/call").header("X-Session-ID", SESSION).header("Idempotency-Key", "a"),
				"{\"name\":\"get_entities\",\"request_id\":\"b\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error.code").value("INVALID_REQUEST"));
	}

	@Test
	void bodyThatIsNotJsonIsInvalidAndNamesNoLibrary() throws Exception {
		mvc.perform(json(post("/mcp/tools/call").header("X-Session-ID", SESSION), "{not json"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error.code").value("INVALID_REQUEST"))
			.andExpect(jsonPath("$.error.message")
				.value(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("jackson"))));
	}

	@Test
	void aBodyThatIsNotAnObjectIsInvalid() throws Exception {
		mvc.perform(json(post("/mcp/tools/list").header("X-Session-ID", SESSION), "[1,2]"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error.code").value("INVALID_REQUEST"));
	}

	@Test
	void getOnAPostEndpointIs405() throws Exception {
		mvc.perform(get("/mcp/tools/call"))
			.andExpect(status().isMethodNotAllowed())
			.andExpect(jsonPath("$.error.code").value("METHOD_NOT_ALLOWED"));
	}

	private static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String body) {
		return request.contentType(MediaType.APPLICATION_JSON).content(body);
	}

	/**
	 * The answer of a completed pipeline: written in the request's one dispatch, never
	 * dispatched again.
	 */
	private ResultActions completed(MockHttpServletRequestBuilder request) throws Exception {
		return mvc.perform(request).andExpect(request().asyncNotStarted());
	}

	private static CompletableFuture<CacheAnswer> answer(String result) {
		return CompletableFuture.completedFuture(CacheAnswer.bypassed(BridgeJson.mapper().readTree(result)));
	}

}
