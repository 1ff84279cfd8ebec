package io.mcpbridge.gateway.error;

import java.util.Optional;
import java.util.concurrent.CompletionException;

import io.mcpbridge.common.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Maps every failure to a JSON error body with a stable code. Unexpected exceptions are
 * logged here with their stack trace and answered as INTERNAL_ERROR without one; a Redis
 * that is down or too slow is STORE_UNAVAILABLE (503), not a bug. Refusals that a client
 * should simply retry (OVERLOADED, QUEUE_UNAVAILABLE, STORE_UNAVAILABLE...) carry
 * {@code Retry-After}.
 */
@RestControllerAdvice
public class ApiExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	private final ErrorMapping mapping;

	public ApiExceptionHandler(ErrorMapping mapping) {
		this.mapping = mapping;
	}

	/**
	 * The answer to a failure that ended an asynchronous response, which its adapter
	 * writes itself (no dispatch back through Spring MVC).
	 */
	public ResponseEntity<ErrorBody> answer(Throwable failure) {
		Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
				: failure;
		if (cause instanceof BridgeException bridge) {
			return bridge(bridge);
		}
		return unexpected(cause instanceof Exception exception ? exception : new IllegalStateException(cause));
	}

	@ExceptionHandler(BridgeException.class)
	ResponseEntity<ErrorBody> bridge(BridgeException failure) {
		ResponseEntity.BodyBuilder response = ResponseEntity.status(ErrorMapping.httpStatus(failure.code()));
		mapping.headers(failure).forEach(response::header);
		return response.body(ErrorBody.of(failure));
	}

	@ExceptionHandler(CompletionException.class)
	ResponseEntity<ErrorBody> completion(CompletionException failure) {
		if (failure.getCause() instanceof BridgeException bridge) {
			return bridge(bridge);
		}
		return unexpected(failure);
	}

	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	ResponseEntity<ErrorBody> method(HttpRequestMethodNotSupportedException failure) {
		return respond(ErrorCode.METHOD_NOT_ALLOWED,
				ErrorBody.of(ErrorCode.METHOD_NOT_ALLOWED, "method " + failure.getMethod() + " is not allowed here"));
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	ResponseEntity<ErrorBody> mediaType(HttpMediaTypeNotSupportedException failure) {
		return respond(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
				ErrorBody.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "send application/json"));
	}

	@ExceptionHandler(NoResourceFoundException.class)
	ResponseEntity<ErrorBody> notFound(NoResourceFoundException failure) {
		return respond(ErrorCode.NOT_FOUND, ErrorBody.of(ErrorCode.NOT_FOUND, "no such endpoint"));
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ErrorBody> unexpected(Exception failure) {
		Optional<BridgeException> store = ErrorMapping.storeFailure(failure);
		if (store.isPresent()) {
			log.warn("Redis unavailable while serving a request: {}", failure.toString());
			return bridge(store.get());
		}
		log.error("unexpected failure while serving a request", failure);
		return respond(ErrorCode.INTERNAL_ERROR,
				ErrorBody.of(ErrorCode.INTERNAL_ERROR, "internal error; see the gateway log"));
	}

	private ResponseEntity<ErrorBody> respond(ErrorCode code, ErrorBody body) {
		ResponseEntity.BodyBuilder response = ResponseEntity.status(ErrorMapping.httpStatus(code));
		mapping.retryAfter(code).ifPresent(seconds -> response.header(HttpHeaders.RETRY_AFTER, seconds));
		return response.body(body);
	}

}
