package io.mcpbridge.common.tenants;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

/**
 * A tenants file that may change while the app runs: {@link #load()} reads it at start-up
 * (an invalid file throws), then {@link #reloadIfChanged()}, called on each app's own
 * timer, reads it again when its modification time changed. A version that failed is not
 * read again until the file changes once more, so a broken edit is reported once, and the
 * previous tenants stay in force meanwhile. Not thread-safe: one timer calls it.
 */
public final class TenantsFileSource {

	/** What a look at the file found. */
	public sealed interface Outcome {

		/** The file did not change (or cannot be read now: the loaded version stays). */
		record Unchanged() implements Outcome {
		}

		/** The file changed and is valid. */
		record Loaded(List<Tenant> tenants) implements Outcome {
		}

		/** The file changed but is invalid; the message names the line, never a value. */
		record Refused(String message) implements Outcome {
		}

	}

	private static final Outcome UNCHANGED = new Outcome.Unchanged();

	private final Path file;

	private FileTime loadedVersion;

	private FileTime refusedVersion;

	public TenantsFileSource(Path file) {
		this.file = file;
	}

	public Path file() {
		return file;
	}

	/**
	 * Reads the file now.
	 * @throws TenantsFileException it is missing, unreadable or invalid
	 */
	public List<Tenant> load() {
		FileTime version = modified();
		List<Tenant> tenants = TenantsFileParser.read(file);
		loadedVersion = version;
		return tenants;
	}

	/** Reads the file again if its modification time changed since the last look. */
	public Outcome reloadIfChanged() {
		FileTime version = modified();
		if (version == null || version.equals(loadedVersion) || version.equals(refusedVersion)) {
			return UNCHANGED;
		}
		try {
			List<Tenant> tenants = TenantsFileParser.read(file);
			loadedVersion = version;
			return new Outcome.Loaded(tenants);
		}
		catch (TenantsFileException invalid) {
			refusedVersion = version;
			return new Outcome.Refused(invalid.getMessage());
		}
		catch (RuntimeException unexpected) {
			refusedVersion = version;
			// The class name only: a parser's message might quote the file's content.
			return new Outcome.Refused(file + ": could not be loaded (" + unexpected.getClass().getSimpleName() + ")");
		}
	}

	private FileTime modified() {
		try {
			return Files.getLastModifiedTime(file);
		}
		catch (IOException gone) {
			return null;
		}
	}

}
