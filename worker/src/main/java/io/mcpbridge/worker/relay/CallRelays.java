package io.mcpbridge.worker.relay;

import io.mcpbridge.common.RequestEnvelope;

import org.springframework.stereotype.Component;

/** Opens the relay of each request a worker executes. */
@Component
public class CallRelays {

	private final EventPublisher publisher;

	private final InputRequests inputs;

	private final Cancellations cancellations;

	CallRelays(EventPublisher publisher, InputRequests inputs, Cancellations cancellations) {
		this.publisher = publisher;
		this.inputs = inputs;
		this.cancellations = cancellations;
	}

	public RelayedCall open(RequestEnvelope request) {
		return new RelayedCall(request, publisher, inputs, cancellations);
	}

}
