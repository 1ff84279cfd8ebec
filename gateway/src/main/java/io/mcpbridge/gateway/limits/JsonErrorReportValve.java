package io.mcpbridge.gateway.limits;

import java.io.IOException;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's error report as the bridge's JSON error (or JSON-RPC error on the MCP
 * endpoint) instead of its HTML page: the answer to what Tomcat refuses before any
 * servlet runs (an encoded slash in the path, headers over the limit, a malformed request
 * line) and to any error nothing else answered.
 */
public class JsonErrorReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		try {
			response.resetBuffer();
		}
		catch (IllegalStateException committed) {
			return;
		}
		String path = request.getDecodedRequestURI();
		byte[] body = ErrorPages.body(path, ErrorPages.codeOf(status), ErrorPages.messageOf(status));
		try {
			response.setContentType("application/json");
			response.setCharacterEncoding("UTF-8");
			response.setContentLength(body.length);
			ErrorPages.write(response.getOutputStream(), body);
		}
		catch (IOException | IllegalStateException ignored) {
			// The client is gone or the response was taken: nothing more to say.
		}
	}

}
