package io.mcpbridge.gateway.call;

import io.mcpbridge.common.RequestEnvelope;
import org.slf4j.MDC;

/**
 * The request id and tenant in the logging MDC while the pipeline runs a call on the
 * request's thread (the trace id is there from the gateway's request span), so that every
 * line logged about it names them; removed when closed.
 */
final class CallLogContext implements AutoCloseable {

	static final String REQUEST_ID = "request_id";

	static final String TENANT = "tenant";

	private CallLogContext() {
	}

	static CallLogContext of(RequestEnvelope request) {
		MDC.put(REQUEST_ID, request.requestId());
		MDC.put(TENANT, request.tenant());
		return new CallLogContext();
	}

	@Override
	public void close() {
		MDC.remove(REQUEST_ID);
		MDC.remove(TENANT);
	}

}
