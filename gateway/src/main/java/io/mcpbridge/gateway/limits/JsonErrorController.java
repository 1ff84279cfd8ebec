package io.mcpbridge.gateway.limits;

import io.mcpbridge.common.ErrorCode;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * {@code /error}, where the servlet container forwards a failure no handler answered: the
 * documented JSON error with the failure's status. Requested directly, it is an unknown
 * endpoint (404), not Spring Boot's {@code {"status":999}}.
 */
@Controller
class JsonErrorController implements ErrorController {

	@RequestMapping("/error")
	ResponseEntity<byte[]> error(HttpServletRequest request) {
		Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		int code = status instanceof Integer number && number >= 400 ? number : 404;
		String path = uri instanceof String text ? text : request.getRequestURI();
		ErrorCode errorCode = ErrorPages.codeOf(code);
		return ResponseEntity.status(code)
			.contentType(MediaType.APPLICATION_JSON)
			.body(ErrorPages.body(path, errorCode, ErrorPages.messageOf(code)));
	}

}
