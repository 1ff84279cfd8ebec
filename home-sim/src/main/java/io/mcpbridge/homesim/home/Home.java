package io.mcpbridge.homesim.home;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The simulated home: current states, services and history. Thread-safe: the MCP server
 * runs tool calls concurrently, and every method is a short in-memory operation, so one
 * monitor is simple and cheap enough.
 *
 * <p>
 * Every change is a {@link Mutation} applied at an explicit instant, in two steps
 * ({@link #prepare} validates and computes, {@link #commit} stores):
 * {@link JournaledHome} writes the mutation to the shared journal in between, so a failed
 * validation is never journaled and a failed journal write never changes this home.
 */
public final class Home {

	/** last_changed of every initial state: fixed so that runs are comparable. */
	public static final Instant INITIAL_INSTANT = InitialHome.INITIAL_INSTANT;

	static final int MAX_AUTOMATIONS = 1_000;

	/** Sorted by entity_id: listings are stable and grouped by domain. */
	private final Map<String, EntityState> entities = new TreeMap<>();

	private final History history = new History();

	private final ServiceCatalog services = new ServiceCatalog();

	private final AutomationFactory automations = new AutomationFactory(this.entities::containsKey, this.services);

	private final Clock clock;

	private final long seed;

	private int automationCount;

	/**
	 * A validated change, not yet stored; {@code changes} is false when it would store
	 * nothing (same automation).
	 */
	public record Prepared(EntityState state, boolean changes) {
	}

	public Home(long seed, Clock clock) {
		this.clock = clock;
		this.seed = seed;
		InitialHome.create(seed).forEach(this::put);
	}

	public static Home create(long seed) {
		return new Home(seed, Clock.systemUTC());
	}

	/** All entities, or those of one domain when {@code domain} is not null. */
	public synchronized List<EntityState> entities(String domain) {
		String prefix = domain == null ? "" : Domain.parse(domain).id() + ".";
		return this.entities.values().stream().filter(e -> e.entityId().startsWith(prefix)).toList();
	}

	public synchronized EntityState entity(String entityId) {
		EntityState state = entityId == null ? null : this.entities.get(entityId);
		if (state == null) {
			throw new HomeException(HomeException.Kind.UNKNOWN_ENTITY, "Unknown entity: " + entityId);
		}
		return state;
	}

	/**
	 * Applies {@code domain.service} to one entity of that domain and records the new
	 * state in the history.
	 */
	public EntityState callService(String domain, String service, String entityId, Map<String, Object> data) {
		return apply(new Mutation.CallService(domain, service, entityId, data));
	}

	synchronized Prepared prepareCallService(String domain, String service, String entityId, Map<String, Object> data,
			Instant at) {
		Service handler = this.services.find(domain, service);
		EntityState current = entity(entityId);
		if (!current.domain().id().equals(domain)) {
			throw HomeException.invalid("Entity " + entityId + " is not in domain " + domain);
		}
		Service.Change change = handler.handler().apply(current, new ServiceData(domain + "." + service, data));
		return new Prepared(new EntityState(entityId, change.state(), change.attributes(), at), true);
	}

	public List<ServiceInfo> services() {
		return this.services.infos();
	}

	/**
	 * Creates {@code automation.<slug of alias>}. Idempotent: the same definition again
	 * returns the stored automation unchanged, so a retried call is harmless; a different
	 * definition under the same alias is a CONFLICT.
	 */
	public EntityState createAutomation(String alias, Map<String, Object> trigger, Object action) {
		return apply(new Mutation.CreateAutomation(alias, trigger, action));
	}

	synchronized Prepared prepareAutomation(String alias, Map<String, Object> trigger, Object action, Instant at) {
		EntityState candidate = this.automations.build(alias, trigger, action, at);
		EntityState existing = this.entities.get(candidate.entityId());
		if (existing != null) {
			if (existing.attributes().equals(candidate.attributes())) {
				return new Prepared(existing, false);
			}
			throw new HomeException(HomeException.Kind.CONFLICT,
					existing.entityId() + " already exists with a different definition");
		}
		if (this.automationCount == MAX_AUTOMATIONS) {
			throw new HomeException(HomeException.Kind.LIMIT_REACHED, "At most " + MAX_AUTOMATIONS + " automations");
		}
		return new Prepared(candidate, true);
	}

	/**
	 * The in-memory path: validate and store in one step, stamped with this home's clock.
	 */
	synchronized EntityState apply(Mutation mutation) {
		Prepared prepared = prepare(mutation, now());
		commit(prepared);
		return prepared.state();
	}

	/**
	 * Validates {@code mutation} against the current state; stores nothing. @throws
	 * HomeException for a bad request
	 */
	synchronized Prepared prepare(Mutation mutation, Instant at) {
		return mutation.prepare(this, at);
	}

	/**
	 * Stores what {@link #prepare} returned; the caller guarantees no other change came
	 * in between.
	 */
	synchronized void commit(Prepared prepared) {
		if (!prepared.changes()) {
			return;
		}
		if (prepared.state().domain() == Domain.AUTOMATION && !this.entities.containsKey(prepared.state().entityId())) {
			this.automationCount++;
		}
		put(prepared.state());
	}

	/**
	 * The recorded snapshots of an entity, oldest first, with start <= last_changed <=
	 * end (null = open).
	 */
	public synchronized List<EntityState> history(String entityId, Instant start, Instant end) {
		entity(entityId);
		if (start != null && end != null && start.isAfter(end)) {
			throw HomeException.invalid("start " + start + " is after end " + end);
		}
		return this.history.between(entityId, start, end);
	}

	private void put(EntityState state) {
		this.entities.put(state.entityId(), state);
		this.history.record(state);
	}

	/** The seed of the initial home: processes sharing a journal must agree on it. */
	public long seed() {
		return this.seed;
	}

	/**
	 * Microseconds are plenty and keep the ISO strings short (and survive the journal's
	 * ISO round trip).
	 */
	Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

}
