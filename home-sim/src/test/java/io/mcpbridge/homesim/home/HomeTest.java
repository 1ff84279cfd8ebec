package io.mcpbridge.homesim.home;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HomeTest {

	private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

	/**
	 * Each service call gets a later instant than the previous: history order is then
	 * observable.
	 */
	private final TickingClock clock = new TickingClock(T0);

	private final Home home = new Home(42, this.clock);

	@Test
	void hasAtLeast30EntitiesInTheSixDomains() {
		List<EntityState> all = this.home.entities(null);
		assertThat(all).hasSizeGreaterThanOrEqualTo(30);
		assertThat(all.stream().map(e -> e.domain().id()).collect(Collectors.toSet()))
			.containsExactlyInAnyOrder("light", "switch", "sensor", "climate", "cover", "binary_sensor");
		assertThat(all).allSatisfy(e -> {
			assertThat(e.attributes()).containsKey("friendly_name");
			assertThat(e.lastChanged()).isEqualTo(Home.INITIAL_INSTANT);
		});
	}

	@Test
	void domainSpecificAttributesArePresent() {
		assertThat(this.home.entity("light.kitchen").attributes()).containsEntry("brightness", 200);
		assertThat(this.home.entity("climate.living_room").attributes()).containsKeys("temperature", "hvac_mode");
		assertThat(this.home.entity("cover.garage_door").attributes()).containsEntry("current_position", 0);
		assertThat(this.home.entity("sensor.outdoor_temperature").attributes()).containsEntry("unit_of_measurement",
				"°C");
	}

	@Test
	void filtersByDomain() {
		assertThat(this.home.entities("cover")).extracting(EntityState::entityId)
			.allMatch(id -> id.startsWith("cover."));
		assertThat(this.home.entities("automation")).isEmpty();
	}

	@Test
	void unknownDomainIsAnError() {
		assertThatThrownBy(() -> this.home.entities("vacuum")).isInstanceOf(HomeException.class)
			.hasMessageContaining("Unknown domain: vacuum")
			.extracting(ex -> ((HomeException) ex).kind())
			.isEqualTo(HomeException.Kind.UNKNOWN_DOMAIN);
	}

	@Test
	void unknownEntityIsAnError() {
		assertThatThrownBy(() -> this.home.entity("light.attic")).isInstanceOf(HomeException.class)
			.hasMessage("Unknown entity: light.attic");
		assertThatThrownBy(() -> this.home.callService("light", "turn_on", "light.attic", null))
			.hasMessage("Unknown entity: light.attic");
	}

	@Test
	void turnOnSetsStateBrightnessAndLastChanged() {
		EntityState on = this.home.callService("light", "turn_on", "light.bedroom", Map.of("brightness", 120));
		assertThat(on.state()).isEqualTo("on");
		assertThat(on.attributes()).containsEntry("brightness", 120).containsEntry("friendly_name", "Bedroom Light");
		assertThat(on.lastChanged()).isEqualTo(T0).isAfter(Home.INITIAL_INSTANT);
		assertThat(this.home.entity("light.bedroom")).isEqualTo(on);
	}

	@Test
	void turnOffClearsBrightnessAndToggleFlips() {
		assertThat(this.home.callService("light", "turn_off", "light.kitchen", null).attributes())
			.containsEntry("brightness", null);
		assertThat(this.home.callService("light", "toggle", "light.kitchen", null).state()).isEqualTo("on");
		assertThat(this.home.callService("switch", "toggle", "switch.tv", null).state()).isEqualTo("off");
	}

	@Test
	void invalidServiceDataIsRejectedWithoutChange() {
		assertThatThrownBy(() -> this.home.callService("light", "turn_on", "light.bedroom", Map.of("brightness", 300)))
			.hasMessageContaining("between 0 and 255");
		assertThatThrownBy(() -> this.home.callService("light", "turn_on", "light.bedroom", Map.of("colour", "red")))
			.hasMessageContaining("does not accept data field(s) [colour]");
		assertThatThrownBy(() -> this.home.callService("climate", "set_temperature", "climate.office", Map.of()))
			.hasMessageContaining("requires data.temperature");
		assertThat(this.home.history("light.bedroom", null, null)).hasSize(1);
	}

	@Test
	void unknownServiceAndWrongDomainAreErrors() {
		assertThatThrownBy(() -> this.home.callService("light", "explode", "light.kitchen", null))
			.hasMessageContaining("Unknown service: light.explode")
			.hasMessageContaining("turn_on");
		assertThatThrownBy(() -> this.home.callService("sensor", "turn_on", "sensor.outdoor_temperature", null))
			.hasMessageContaining("has no services");
		assertThatThrownBy(() -> this.home.callService("switch", "turn_on", "light.kitchen", null))
			.hasMessageContaining("not in domain switch");
	}

	@Test
	void climateAndCoverServicesChangeTheirAttributes() {
		assertThat(this.home.callService("climate", "set_temperature", "climate.bedroom", Map.of("temperature", 22.5))
			.attributes()).containsEntry("temperature", 22.5);
		EntityState cooling = this.home.callService("climate", "set_hvac_mode", "climate.bedroom",
				Map.of("hvac_mode", "cool"));
		assertThat(cooling.state()).isEqualTo("cool");
		assertThat(cooling.attributes()).containsEntry("hvac_mode", "cool");
		EntityState half = this.home.callService("cover", "set_cover_position", "cover.garage_door",
				Map.of("position", 50));
		assertThat(half.state()).isEqualTo("open");
		assertThat(half.attributes()).containsEntry("current_position", 50);
		assertThat(this.home.callService("cover", "close_cover", "cover.garage_door", null).state())
			.isEqualTo("closed");
	}

	@Test
	void historyStartsWithTheInitialStateAndKeepsOrder() {
		this.home.callService("switch", "turn_on", "switch.coffee_maker", null);
		this.home.callService("switch", "turn_off", "switch.coffee_maker", null);
		this.home.callService("switch", "toggle", "switch.coffee_maker", null);
		List<EntityState> history = this.home.history("switch.coffee_maker", null, null);
		assertThat(history).extracting(EntityState::state).containsExactly("off", "on", "off", "on");
		assertThat(history.get(0).lastChanged()).isEqualTo(Home.INITIAL_INSTANT);
		assertThat(history).extracting(EntityState::lastChanged).isSorted();
	}

	@Test
	void historyFiltersByInclusiveBounds() {
		EntityState first = this.home.callService("switch", "turn_on", "switch.tv", null);
		EntityState second = this.home.callService("switch", "turn_off", "switch.tv", null);
		assertThat(this.home.history("switch.tv", first.lastChanged(), null)).containsExactly(first, second);
		assertThat(this.home.history("switch.tv", null, first.lastChanged())).hasSize(2).endsWith(first);
		assertThatThrownBy(() -> this.home.history("switch.tv", second.lastChanged(), first.lastChanged()))
			.hasMessageContaining("is after end");
	}

	@Test
	void sameSeedGivesSameHomeAndOtherSeedDiffers() {
		List<EntityState> again = new Home(42, Clock.systemUTC()).entities(null);
		assertThat(again).isEqualTo(this.home.entities(null));
		assertThat(new Home(7, Clock.systemUTC()).entity("sensor.outdoor_temperature").state())
			.isNotEqualTo(this.home.entity("sensor.outdoor_temperature").state());
	}

	@Test
	void createdAutomationIsListedAndIdempotent() {
		Map<String, Object> trigger = Map.of("platform", "state", "entity_id", "binary_sensor.front_door", "to", "on");
		Map<String, Object> action = Map.of("service", "light.turn_on", "entity_id", "light.hallway");
		EntityState created = this.home.createAutomation("Hall light on door!", trigger, action);
		assertThat(created.entityId()).isEqualTo("automation.hall_light_on_door");
		assertThat(created.state()).isEqualTo("on");
		assertThat(this.home.entities("automation")).containsExactly(created);
		assertThat(this.home.createAutomation("Hall light on door!", trigger, List.of(action))).isEqualTo(created);
		assertThatThrownBy(() -> this.home.createAutomation("Hall light on door!",
				Map.of("platform", "sun", "event", "sunset"), action))
			.hasMessageContaining("already exists");
	}

	@Test
	void automationWithBadReferencesIsRejected() {
		Map<String, Object> action = Map.of("service", "light.turn_on", "entity_id", "light.hallway");
		assertThatThrownBy(
				() -> this.home.createAutomation("x", Map.of("platform", "state", "entity_id", "light.attic"), action))
			.hasMessageContaining("trigger.entity_id must name an existing entity");
		assertThatThrownBy(() -> this.home.createAutomation("x", Map.of("platform", "time", "at", "07:00"),
				Map.of("service", "light.fly")))
			.hasMessageContaining("action.service");
		assertThatThrownBy(() -> this.home.createAutomation("x", Map.of("platform", "cron"), action))
			.hasMessageContaining("trigger.platform");
		assertThatThrownBy(() -> this.home.createAutomation("!!!", Map.of("platform", "time", "at", "07:00"), action))
			.hasMessageContaining("letter or digit");
	}

	/** A clock that moves one second forward on every read. */
	static final class TickingClock extends Clock {

		private Instant next;

		TickingClock(Instant start) {
			this.next = start;
		}

		@Override
		public synchronized Instant instant() {
			Instant now = this.next;
			this.next = now.plusSeconds(1);
			return now;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	}

}
