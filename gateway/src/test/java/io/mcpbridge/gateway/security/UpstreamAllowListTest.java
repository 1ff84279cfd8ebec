package io.mcpbridge.gateway.security;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import io.mcpbridge.common.tenants.Tenant;
import io.mcpbridge.common.ErrorCode;
import io.mcpbridge.common.RequestEnvelope;
import io.mcpbridge.gateway.call.CallContext;
import io.mcpbridge.gateway.error.BridgeException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class UpstreamAllowListTest {

	@Test
	void theAllowListRefusesOtherUpstreamsWithForbidden() {
		TenantDirectory tenants = mock(TenantDirectory.class);
		when(tenants.tenant("acme")).thenReturn(Optional.of(new Tenant("acme", List.of(), Optional.of(Set.of("home")),
				OptionalInt.empty(), Optional.empty(), Map.of(), false)));
		when(tenants.tenant("open")).thenReturn(Optional.empty());
		UpstreamAllowList guard = new UpstreamAllowList(tenants);
		RequestEnvelope home = mock(RequestEnvelope.class);
		when(home.upstream()).thenReturn("home");
		RequestEnvelope everything = mock(RequestEnvelope.class);
		when(everything.upstream()).thenReturn("everything");
		guard.check(CallContext.of("acme", null), home);
		guard.check(CallContext.of("open", null), everything);
		assertThatThrownBy(() -> guard.check(CallContext.of("acme", null), everything)).isInstanceOfSatisfying(
				BridgeException.class, refused -> assertThat(refused.code()).isEqualTo(ErrorCode.FORBIDDEN));
	}

}
